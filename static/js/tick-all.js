// "Tick every one on this page": a checkbox that ticks or unticks every checkbox of its form named by
// data-tick-all. Shown only when this script runs (it starts hidden); without it, each box is ticked by hand.
document.querySelectorAll("[data-tick-all]").forEach((control) => {
  const form = control.closest("form");
  const boxes = () => form.querySelectorAll(`input[type=checkbox][name="${control.dataset.tickAll}"]`);
  control.closest("[hidden]")?.removeAttribute("hidden");
  control.addEventListener("change", () => {
    boxes().forEach((box) => {
      box.checked = control.checked;
    });
  });
});
