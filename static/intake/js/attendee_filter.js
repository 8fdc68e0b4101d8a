// The attendee picker of the intake conversation: a text box that hides the people whose name
// or role does not match what is typed. Ticked people always stay in view. Without this file
// the whole list of checkboxes works as it is (the box stays hidden).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-filter-for]").forEach(setUpFilter);
});

function plain(text) {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLocaleLowerCase("nl");
}

function setUpFilter(filter) {
  const name = filter.dataset.filterFor;
  const boxes = Array.from(document.querySelectorAll(`input[type=checkbox][name="${name}"][data-filterable]`));
  if (!boxes.length) {
    return;
  }
  const input = filter.querySelector("input");
  const status = filter.querySelector("[data-filter-status]");
  const items = boxes.map((box) => ({ box, item: box.closest(".form-check"), text: plain(box.closest(".form-check").textContent) }));
  // Right above the list, so the next Tab after typing reaches the first name.
  const legend = boxes[0].closest("fieldset")?.querySelector("legend");
  if (legend) {
    legend.after(filter);
  } else {
    boxes[0].closest(".form-check").parentElement.before(filter);
  }
  filter.hidden = false;

  const update = () => {
    const words = plain(input.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    items.forEach(({ box, item, text }) => {
      const visible = box.checked || words.every((word) => text.includes(word));
      item.hidden = !visible;
      shown += visible ? 1 : 0;
    });
    status.textContent = status.dataset.filterStatus.replace("{shown}", shown).replace("{total}", items.length);
  };
  input.addEventListener("input", update);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault(); // a search box inside the form must not send it
    } else if (event.key === "Escape" && input.value) {
      event.preventDefault();
      input.value = "";
      update();
    }
  });
}
