// The certificate template editor: its live preview pane.
(function () {
  // Scale the sheet (drawn at its real size in the iframe) to the width of the pane.
  function fit() {
    document.querySelectorAll(".certificate-preview").forEach(function (box) {
      var frame = box.querySelector("iframe");
      var width = Number(box.dataset.pageWidth), height = Number(box.dataset.pageHeight);
      if (!frame || !width) return;
      var scale = box.clientWidth / width;
      frame.style.transform = "scale(" + scale + ")";
      box.style.height = Math.ceil(height * scale) + "px";
    });
  }
  // The default positions depend on the paper: show the current ones as placeholders.
  function placeholders() {
    var node = document.getElementById("preview-defaults");
    if (!node) return;
    var defaults = JSON.parse(node.textContent);
    document.querySelectorAll("[data-default-field]").forEach(function (input) {
      var box = defaults[input.dataset.defaultField];
      if (box && box[input.dataset.defaultKey] !== undefined) input.placeholder = box[input.dataset.defaultKey];
    });
  }
  fit();
  window.addEventListener("resize", fit);
  document.body.addEventListener("htmx:afterSettle", function () { fit(); placeholders(); });
})();
