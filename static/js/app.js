// Behaviour the templates ask for with data-* attributes: the Content-Security-Policy allows
// no inline script and no on*= attribute.

// A form with data-confirm asks first; forms that change data are sent once: a double click
// must not submit twice.
document.addEventListener("submit", function (event) {
  const form = event.target;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) { event.preventDefault(); return; }
  // getAttribute: a field named "method" (the submission form has one) shadows form.method.
  if ((form.getAttribute("method") || "get").toLowerCase() !== "post") return;
  if (form.dataset.submitted === "1") { event.preventDefault(); return; }
  form.dataset.submitted = "1";
  form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
    b.classList.add("disabled");
  });
});

// A "select all" checkbox ticks the boxes its data-select-all selector finds.
document.addEventListener("click", function (event) {
  const box = event.target.closest("input[data-select-all]");
  if (!box) return;
  document.querySelectorAll(box.dataset.selectAll).forEach(function (c) { c.checked = box.checked; });
});

// Progress bars take their width from data-progress (a percentage), also in content htmx swaps in.
htmx.onLoad(function (root) {
  const bars = root.matches && root.matches("[data-progress]") ? [root] : [];
  root.querySelectorAll("[data-progress]").forEach(function (bar) { bars.push(bar); });
  bars.forEach(function (bar) { bar.style.width = bar.dataset.progress + "%"; });
});
