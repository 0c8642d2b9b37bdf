// vanban-kit: drag and drop onto the upload zone, the names of the chosen files, and the progress of
// a dossier. Plain JavaScript, no build step; the pages work without it (the form posts, the result
// page can be reloaded).
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("label.drop").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    var chosen = zone.querySelector(".chosen");
    function show() {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      chosen.textContent = names.length ? "Đã chọn: " + names.join(", ") : "";
    }
    input.addEventListener("change", show);
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) {
        event.preventDefault();
        zone.classList.add("over");
      });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      if (!input.multiple && event.dataTransfer.files.length > 1) {
        chosen.textContent = "Chỉ gửi một tệp mỗi lần";
        return;
      }
      input.files = event.dataTransfer.files;
      show();
    });
  });

  document.querySelectorAll("form.upload").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      button.textContent = "Đang gửi…";
    });
  });

  var bar = document.getElementById("progress");
  if (bar) {
    var text = document.getElementById("progress-text");
    var poll = function () {
      fetch(bar.dataset.status, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          var steps = JSON.parse(bar.dataset.steps || "{}");
          if (job.step && steps[job.step]) {
            text.textContent = steps[job.step];
          } else if (job.total) {
            bar.max = job.total;
            bar.value = job.done;
            bar.textContent = job.done + "/" + job.total;
            text.textContent = "Đã lập " + job.done + "/" + job.total + " văn bản";
          } else if (job.state === "running") {
            text.textContent = "Đang đọc biểu mẫu…";
          }
          if (job.state === "done" || job.state === "failed" || job.error) {
            window.location.reload();
          } else {
            window.setTimeout(poll, 250);
          }
        })
        .catch(function () { window.setTimeout(poll, 1000); });
    };
    window.setTimeout(poll, 200);
  }
});
