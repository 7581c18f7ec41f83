// What the page says when the module refuses a slot's parameters (plot.js
// draws that slot with its last accepted ones meanwhile): the message in the
// page's words and the parameter fields it names.

import { fmt, MINUS, paramSymbol } from './util.js';

/** Parameters of `info` that the module's message names as "name = value". */
export function refusedNames(info, message) {
  return (info.params ?? []).map((p) => p.name).filter((name) => new RegExp(`\\b${name} = `).test(message));
}

/**
 * One sentence per refused slot. The module's message starts with the
 * function's id ("hardtanh: …"); the page names the function once, by its
 * display name, and says what the chart shows instead.
 */
export function refusalText(refusal, info, drawnParams) {
  const reason = refusal.message.replace(new RegExp(`^${info.id}:\\s*`), '').replace(/(^|[\s(=])-(?=\d)/g, `$1${MINUS}`);
  const shown = Object.entries(drawnParams)
    .map(([k, v]) => `${paramSymbol(k)} = ${fmt(v)}`)
    .join(', ');
  return `${info.name}: ${reason}. The chart still shows ${shown}.`;
}
