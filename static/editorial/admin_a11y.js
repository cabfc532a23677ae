// Admin accessibility: names for what select2 builds in the browser (Django's autocomplete fields).
// Everything the server renders is named in the HTML (editorial/admin_a11y.py); the body editor
// names itself (body_editor.js). Here, once select2 has built its markup:
// - its boxes: the name of their <select>'s label (or of the inline table's column); its search field too;
// - its list of chosen items, a <ul> holding a non-<li>, read as a plain group.
(function () {
  "use strict";

  function text(el) { return el ? el.textContent.replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim() : ""; }

  function nameOf(select) {
    if (select.labels && select.labels.length) return text(select.labels[0]);
    return select.getAttribute("aria-label") || "";  // an inline's cell, named by its column on the server
  }

  function fix(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      var label = nameOf(select);
      container.querySelectorAll("[role=combobox], .select2-selection").forEach(function (box) {
        box.setAttribute("aria-label", label);
        box.removeAttribute("aria-labelledby");
      });
      container.querySelectorAll(".select2-search__field").forEach(function (field) { field.setAttribute("aria-label", label + " — поиск"); });
      container.querySelectorAll("[role=textbox]").forEach(function (shown) { shown.setAttribute("aria-label", label); });
      container.querySelectorAll(".select2-selection--multiple > ul").forEach(function (list) {
        list.setAttribute("role", "group");
        list.setAttribute("aria-label", label + ": выбрано");
        Array.prototype.forEach.call(list.children, function (item) { item.setAttribute("role", "none"); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    fix(document);
    var pending = false;
    new MutationObserver(function () {  // select2 and «Добавить ещё» build their markup later
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; fix(document); });
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
