// The query page: an example button puts its query in the editor.
document.querySelectorAll("button.example").forEach((button) => {
  button.addEventListener("click", () => {
    const editor = document.getElementById("query");
    editor.value = button.dataset.query;
    editor.focus();
  });
});
