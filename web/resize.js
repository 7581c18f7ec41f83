// Charts follow their containers' width: resized at most once per frame,
// whether the window or only the layout around a chart changed.

/** charts: objects with resize(); containers: the elements whose size they follow. */
export function watchResize(charts, containers) {
  let pending = false;
  const resize = () => {
    pending = false;
    for (const chart of charts) chart.resize();
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(resize);
  };
  if (typeof ResizeObserver === 'function') {
    const ro = new ResizeObserver(schedule);
    for (const container of containers) ro.observe(container);
  }
  window.addEventListener('resize', schedule);
}
