// Site-wide progressive enhancement. Every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Buttons that ask for confirmation: <button data-confirm="...">.
  document.querySelectorAll("[data-confirm]").forEach((element) => {
    element.addEventListener("click", (event) => {
      if (!window.confirm(element.dataset.confirm)) {
        event.preventDefault();
      }
    });
  });

  // A form came back with errors: open what holds its summary, move the focus to it (screen
  // readers read it out, the page scrolls to it), and let its links focus the field itself.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    const details = summary.closest("details");
    if (details) {
      details.open = true;
    }
    summary.focus();
    summary.querySelectorAll("a[href^='#']").forEach((link) => {
      link.addEventListener("click", (event) => {
        const field = document.getElementById(link.hash.slice(1));
        if (field) {
          event.preventDefault();
          field.focus();
        }
      });
    });
  }
});
