// Forms that change data are sent once: a double click must not submit twice.
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (form.method.toLowerCase() !== "post") return;
  if (form.dataset.submitted === "1") { event.preventDefault(); return; }
  form.dataset.submitted = "1";
  form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
    b.classList.add("disabled");
  });
});
