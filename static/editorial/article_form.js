// The article form: asks before leaving with unsaved changes, and keeps a copy of the
// text in this browser (localStorage, per article) so a closed tab or a crash loses nothing.
(function () {
  "use strict";
  var marker = document.getElementById("article-autosave");
  var form = marker && marker.closest("form");
  if (!form) return;

  var FIELDS = ["title", "slug", "lead", "body", "kind", "language", "status",
                "published_at_0", "published_at_1", "source_url"];
  var key = "archive:article:" + marker.dataset.article;
  var hasErrors = !!document.querySelector(".errornote, .errorlist");
  var dirty = hasErrors;  // a form shown again with errors holds unsaved text
  var timer = null;

  function field(name) { return form.elements.namedItem(name); }
  function versionField() { return field("version"); }

  function read() {
    var values = {};
    FIELDS.forEach(function (name) {
      var el = field(name);
      if (el && "value" in el) values[name] = el.value;
    });
    return values;
  }

  function same(a, b) {
    return FIELDS.every(function (name) { return (a[name] || "") === (b[name] || ""); });
  }

  function load() {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function store(extra) {
    var entry = {values: read(), savedAt: Date.now(), submitted: false,
                 version: versionField() ? versionField().value : ""};
    Object.assign(entry, extra || {});
    try { window.localStorage.setItem(key, JSON.stringify(entry)); } catch (e) { /* full or disabled */ }
  }

  function forget() {
    try { window.localStorage.removeItem(key); } catch (e) { /* disabled */ }
  }

  function changed() {
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(store, 700);
  }

  function offer(entry) {
    var box = document.createElement("div");
    box.className = "autosave-offer";
    box.setAttribute("role", "alert");
    var when = new Date(entry.savedAt).toLocaleString("ru-RU", {day: "numeric", month: "long", hour: "2-digit", minute: "2-digit"});
    var text = document.createElement("p");
    text.textContent = "В этом браузере остался несохранённый вариант статьи (" + when + ").";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.textContent = "Восстановить";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.textContent = "Отбросить";
    box.append(text, restore, " ", discard);
    form.parentNode.insertBefore(box, form);

    restore.addEventListener("click", function () {
      FIELDS.forEach(function (name) {
        var el = field(name);
        if (el && name in entry.values) {
          el.value = entry.values[name];
          el.dispatchEvent(new Event("input", {bubbles: true}));
        }
      });
      // Saved against the version it was based on: if the article changed meanwhile,
      // the server shows the difference instead of overwriting it.
      if (entry.version && versionField()) versionField().value = entry.version;
      dirty = true;
      box.remove();
    });
    discard.addEventListener("click", function () { forget(); box.remove(); });
  }

  var entry = load();
  if (entry && entry.values) {
    if (same(entry.values, read())) {
      if (!hasErrors) forget();  // saved (or never changed): nothing to offer
    } else if (entry.submitted && marker.dataset.article === "new") {
      forget();  // that new article was saved: it has its own page now
    } else {
      offer(entry);
    }
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () {
    window.clearTimeout(timer);
    store({submitted: true});
    dirty = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) return;
    event.preventDefault();
    event.returnValue = "";  // the browser shows its own «leave the page?» question
  });
})();
