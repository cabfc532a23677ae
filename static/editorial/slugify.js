// The admin's slug fields transliterate like editorial/slugs.py: the letter map
// comes from Python (json_script "translit-map"); Django's URLify drops Kazakh
// letters and English stop words, so it is replaced, not wrapped.
(function () {
  "use strict";
  const source = document.getElementById("translit-map");
  if (!source) return;
  const map = JSON.parse(source.textContent);
  window.URLify = function (text, maxLength) {
    let out = "";
    for (const ch of String(text).toLowerCase()) {
      out += Object.prototype.hasOwnProperty.call(map, ch)
        ? map[ch]
        : ch.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    }
    let slug = out.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (maxLength && slug.length > maxLength) {
      const cut = slug.slice(0, maxLength);
      slug = cut.includes("-") ? cut.slice(0, cut.lastIndexOf("-")) : cut;
    }
    return slug;
  };
})();
