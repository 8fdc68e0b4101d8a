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
});
