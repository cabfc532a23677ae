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
