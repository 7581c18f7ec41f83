// The browser's colour scheme. The stylesheet follows it by itself; the
// charts, drawn on canvas with colours read from CSS, are redrawn when it
// changes (it is part of the page's state).

const scheme = () => window.matchMedia?.('(prefers-color-scheme: dark)');

export function currentTheme() {
  return scheme()?.matches ? 'dark' : 'light';
}

/** onChange(theme) whenever the colour scheme switches. */
export function watchTheme(onChange) {
  const query = scheme();
  query?.addEventListener?.('change', () => onChange(query.matches ? 'dark' : 'light'));
}
