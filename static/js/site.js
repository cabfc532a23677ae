// Progressive enhancement only: the site works without this file.
// On narrow screens the filter box starts closed (unless the reader is filtering),
// so the articles come first.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  if (!window.matchMedia("(max-width: 52rem)").matches) return;
  document.querySelectorAll("details[data-collapse-narrow]:not([data-keep-open])").forEach(function (box) {
    box.removeAttribute("open");
  });
});

// «Подписка»: a feed address is selected on focus, and a button copies it.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("input[data-copy]").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
    if (!navigator.clipboard) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Копировать";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () { button.textContent = "Скопировано"; });
    });
    input.insertAdjacentElement("afterend", button);
  });
});
