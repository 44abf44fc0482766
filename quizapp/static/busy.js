// Progressive enhancement: while a slow form (question generation) is sent, disable its
// button and say what is happening. Without JavaScript the browser's own indicator shows.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.classList.contains("generate")) return;
  const button = event.submitter || form.querySelector("[data-busy]");
  const status = form.querySelector(".busy");
  if (!button || !button.dataset.busy) return;
  if (form.dataset.sent) {
    event.preventDefault();
    return;
  }
  form.dataset.sent = "1";
  button.setAttribute("aria-disabled", "true");
  button.classList.add("is-busy");
  if (status) status.textContent = button.dataset.busy;
});
