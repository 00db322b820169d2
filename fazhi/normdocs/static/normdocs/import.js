// Show the progress indicator while the server reads and registers the uploaded files.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("import-form");
  if (!form) return;
  form.addEventListener("submit", () => {
    document.getElementById("import-progress").classList.remove("d-none");
    form.querySelector("button[type=submit]").disabled = true;
  });
});
