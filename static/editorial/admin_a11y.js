// Admin accessibility: names for the inputs Django and select2 leave unnamed for screen readers.
// - split date/time inputs: «<field> — дата» / «<field> — время»;
// - inline table cells (bylines): «<column>, строка N»;
// - select2 boxes: the name of their <select>'s label; its inline search field too;
// - the rich-text body editor (a contenteditable): its field's label;
// - select2's list of chosen items, a <ul> holding a non-<li>, read as a plain group.
(function () {
  "use strict";

  function text(el) { return el ? el.textContent.replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim() : ""; }

  function labelOf(id) {
    var label = id && document.querySelector('label[for="' + id + '"]');
    if (label) return text(label);
    var base = id && id.replace(/_[01]$/, "");
    return text(base && document.querySelector('label[for="' + base + '_0"], label[for="' + base + '"]'));
  }

  function name(el, value) {
    if (value && !el.hasAttribute("aria-label") && !el.labels?.length) el.setAttribute("aria-label", value);
  }

  function fix(root) {
    root.querySelectorAll("[contenteditable=true]:not([aria-label])").forEach(function (editor) {
      var row = editor.closest(".form-row, .fieldBox");  // the body editor: named after its field's label
      var label = row && row.querySelector("label");
      if (label) editor.setAttribute("aria-label", text(label));
    });
    root.querySelectorAll(".datetime input").forEach(function (input) {
      var field = labelOf(input.id.replace(/_[01]$/, "_0")) || labelOf(input.id);
      var part = /_1$/.test(input.id) ? "время" : "дата";
      if (input.id && /_[01]$/.test(input.id)) input.setAttribute("aria-label", field + " — " + part);
    });
    root.querySelectorAll(".tabular table").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), text);
      table.querySelectorAll("tbody tr").forEach(function (row, index) {
        var cells = row.querySelectorAll("td");
        cells.forEach(function (cell, column) {
          var heading = heads[column] || (cell.classList.contains("delete") ? "Удалить" : "");
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (input) {
            if (input.closest(".select2-container")) return;
            name(input, heading + ", строка " + (index + 1));
            input.removeAttribute("title");
          });
        });
      });
    });
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      var label = labelOf(select.id) || text(select.closest("td") && select.closest("table").querySelector("thead th:nth-child(" + (Array.prototype.indexOf.call(select.closest("tr").children, select.closest("td")) + 1) + ")"));
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
