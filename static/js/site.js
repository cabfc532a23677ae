// Progressive enhancement only: the site works without this file.
// On narrow screens the filter box starts closed (unless a condition was refused),
// so the articles come first; its toggle counts the active conditions.
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

// Themes: a search field over the checkbox list hides the themes that do not match.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  document.querySelectorAll("[data-searchable]").forEach(function (list, index) {
    var choices = Array.prototype.slice.call(list.querySelectorAll("label.choice"));
    if (choices.length < 6) return;
    var input = document.createElement("input");
    input.type = "search";
    input.className = "choice-search";
    input.id = "choice-search-" + index;
    input.setAttribute("aria-label", list.getAttribute("data-searchable"));
    input.placeholder = list.getAttribute("data-searchable");
    var none = document.createElement("p");
    none.className = "choice-none";
    none.setAttribute("role", "status");
    list.parentNode.insertBefore(input, list);
    list.parentNode.insertBefore(none, list.nextSibling);
    var fold = function (text) { return text.toLocaleLowerCase("ru").replace(/ё/g, "е").trim(); };
    input.addEventListener("input", function () {
      var query = fold(input.value), shown = 0;
      choices.forEach(function (choice) {
        var match = !query || fold(choice.textContent).indexOf(query) !== -1 || choice.querySelector("input").checked;
        choice.hidden = !match;
        if (match) shown += 1;
      });
      none.textContent = shown ? "" : "Нет такой темы";
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();  // Enter in the theme search does not submit the form
    });
  });
});
