// The article body's rich-text editor (django-prose-editor), set up from the textarea's
// data-body-editor attribute: no import map, no inline script (see editorial/body_editor.py).
import * as prose from "../django_prose_editor/editor.js";

const ATTRIBUTE = "data-body-editor";

// The toolbar's own labels are not translatable in the package (its dialogs are: djangojs.po).
// Block types are text in the menu; the buttons have titles (their text is an icon's name).
const BLOCK_TYPES = {
  Paragraph: "Абзац",
  "Heading 2": "Подзаголовок",
  "Heading 3": "Подзаголовок 3",
  "Heading 4": "Подзаголовок 4",
};
const TITLES = {
  "unordered list": "Маркированный список",
  "ordered list": "Нумерованный список",
  blockquote: "Цитата",
  "horizontal rule": "Горизонтальная линия",
  bold: "Полужирный (Ctrl+B)",
  italic: "Курсив (Ctrl+I)",
  subscript: "Нижний индекс",
  superscript: "Верхний индекс",
  "insert link": "Ссылка",
  "remove link": "Убрать ссылку",
  "Insert table": "Таблица",
  "Add column": "Добавить столбец",
  "Delete column": "Удалить столбец",
  "Add row": "Добавить строку",
  "Delete row": "Удалить строку",
  "Merge cells": "Объединить ячейки",
  "Split cell": "Разделить ячейку",
  "Toggle header cell": "Ячейка заголовка",
  "Delete table": "Удалить таблицу",
  undo: "Отменить (Ctrl+Z)",
  redo: "Повторить (Ctrl+Shift+Z)",
};

function translate(root) {
  for (const element of root.querySelectorAll("[title]")) {
    const russian = TITLES[element.getAttribute("title")];
    if (russian) element.setAttribute("title", russian);
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const russian = BLOCK_TYPES[node.nodeValue.trim()];
    if (russian) node.nodeValue = russian;
  }
}

function translateMenus(wrapper) {
  const menus = () => wrapper.querySelectorAll(".prose-menubar, .prose-menubar__dropdown, [class*='dropdown']");
  menus().forEach(translate);
  new MutationObserver(() => menus().forEach(translate)).observe(wrapper, { childList: true, subtree: true });
}

function fieldName(textarea) {
  const label = textarea.labels && textarea.labels[0];
  return label ? label.textContent.replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim() : "Текст";
}

// django-prose-editor's createTextareaEditor, with Tiptap's injected <style> turned off: the
// Content-Security-Policy refuses inline styles, and the package's editor.css has those rules.
function textareaEditor(textarea, extensions) {
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = prose.crel("div", { className: `prose-editor ${disabled ? "disabled" : ""}` });
  textarea.before(wrapper);
  wrapper.append(textarea);
  return new prose.Editor({
    element: wrapper,
    editable: !disabled,
    extensions,
    content: textarea.value,
    injectCSS: false,
    // The editable area is the field now: it takes the textarea's label as its name.
    editorProps: { attributes: { "aria-label": fieldName(textarea) } },
    onUpdate({ editor }) {
      const html = editor.getHTML();
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onDestroy() {
      wrapper.before(textarea);
      wrapper.remove();
    },
  });
}

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE));
  const extensions = Object.entries(config.extensions)
    .filter(([name]) => prose[name])
    .map(([name, options]) => (typeof options === "object" ? prose[name].configure(options) : prose[name]));
  const editor = textareaEditor(textarea, extensions);
  const wrapper = textarea.closest(".prose-editor");
  if (wrapper) translateMenus(wrapper);
  textarea.dispatchEvent(new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }));
  return editor;
}

prose.initializeEditors(createEditor, `[${ATTRIBUTE}]`);
