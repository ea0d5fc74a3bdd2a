// The SPARQL editor's parts of CodeMirror 6, bundled by scripts/vendor-codemirror.sh into one
// script (window.HelixEditor) that the /sparql page loads from the package: no CDN, no build at
// install time. What the page does with them is in src/helixgraph/web/static/sparql.js.
export { EditorView, keymap, lineNumbers, highlightActiveLine, placeholder } from "@codemirror/view";
export { EditorState } from "@codemirror/state";
export { history, defaultKeymap, historyKeymap, indentWithTab } from "@codemirror/commands";
export {
  StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching,
} from "@codemirror/language";
export {
  autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap,
} from "@codemirror/autocomplete";
export { sparql } from "@codemirror/legacy-modes/mode/sparql";
