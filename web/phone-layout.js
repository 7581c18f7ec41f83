// On a phone the function's parameters sit right under the chart, so that the chart stays on
// the first screen in compare mode and a slider moves in sight of the curves it changes. The
// elements are moved in the DOM rather than reordered by CSS, so that the tab order and the
// order a screen reader reads follow what is on screen.

const PHONE = '(max-width: 639.98px)';

/** moved: elements that end `home` on a wide screen, in order; on a phone they fill `phoneSlot`. */
export function placeForPhone({ moved, home, phoneSlot }) {
  const query = window.matchMedia?.(PHONE);
  if (!query) return;
  const place = () => {
    phoneSlot.hidden = !query.matches;
    const target = query.matches ? phoneSlot : home;
    for (const el of moved) target.append(el);
  };
  place();
  query.addEventListener('change', place);
}
