// The article body's rich-text editor (django-prose-editor), set up from the textarea's
// data-body-editor attribute: no import map, no inline script (see editorial/body_editor.py).
import * as prose from "../django_prose_editor/editor.js";

const ATTRIBUTE = "data-body-editor";

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE));
  const extensions = Object.entries(config.extensions)
    .filter(([name]) => prose[name])
    .map(([name, options]) => (typeof options === "object" ? prose[name].configure(options) : prose[name]));
  const editor = prose.createTextareaEditor(textarea, extensions);
  textarea.dispatchEvent(new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }));
  return editor;
}

prose.initializeEditors(createEditor, `[${ATTRIBUTE}]`);
