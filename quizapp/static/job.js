// The generation status page checks its job every 2 seconds without reloading itself (a meta
// refresh would reload under a screen reader's feet). Without JavaScript, "Check again".
(() => {
  const running = document.querySelector("[data-job-running]");
  if (!running) return;
  const check = async () => {
    const response = await fetch(location.href, { headers: { "X-Job-Poll": "1" } });
    if (response.status === 204) {
      location.reload(); // done: the page itself redirects to the article, with its message
      return;
    }
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const progress = fresh.querySelector("[data-job-running]");
    if (!progress) {
      location.reload(); // failed or stopped: show the page as the server renders it
      return;
    }
    running.querySelector("progress").value = progress.querySelector("progress").value;
    running.querySelector(".percent").textContent = progress.querySelector(".percent").textContent;
    const note = running.querySelector("[data-job-note]");
    const freshNote = progress.querySelector("[data-job-note]");
    note.textContent = freshNote.textContent; // waiting, waiting long, or started (hidden)
    note.hidden = freshNote.hidden;
    setTimeout(check, 2000);
  };
  setTimeout(check, 2000);
})();
