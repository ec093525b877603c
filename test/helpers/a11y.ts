// Accessibility checks run inside a console page (Chromium, through page.evaluate): names of
// fields, buttons, links and images, the page language, the heading outline, and the WCAG 2
// contrast of every visible text against the background it is drawn on. The checks are a script
// string because the tests are type-checked without the DOM library. Each finding is one line
// naming the element by a short CSS path, so a failing test says what to fix.
import type { Page } from 'playwright-core';

/** WCAG 2.x AA: normal text needs 4.5:1, large text (24 px, or 18.66 px bold) 3:1. */
export const CONTRAST_MIN = 4.5;
export const CONTRAST_LARGE_MIN = 3;

/** Colour helpers both scripts use: parsing, compositing, the effective background, the ratio. */
const COLOURS = String.raw`
  const rgba = (c) => { const m = /rgba?\(([^)]+)\)/.exec(c); if (m === null) return [0, 0, 0, 0];
    const v = m[1].split(/[ ,\/]+/).filter((x) => x !== '').map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
  const over = (top, a, below) => [0, 1, 2].map((i) => top[i] * a + below[i] * (1 - a));
  const background = (el) => {
    const chain = [];
    for (let e = el; e !== null; e = e.parentElement) chain.unshift(e);
    let bg = [255, 255, 255];
    let opacity = 1;
    for (const e of chain) {
      const s = getComputedStyle(e);
      opacity *= Number(s.opacity);
      const c = rgba(s.backgroundColor);
      if (c[3] > 0) bg = over(c, c[3] * opacity, bg);
    }
    return { bg, opacity };
  };
  const lum = (c) => { const l = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
  const ratio = (a, b) => { const x = lum(a); const y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
`;

const SCRIPT = String.raw`(() => {
  ${COLOURS}
  const findings = [];
  const visible = (el) => {
    if (el.closest('[hidden]') !== null) return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return false;
    // Off the page's start (the skip link until focused); scrolled out of view still counts as shown.
    if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none';
  };
  const path = (el) => {
    const parts = [];
    for (let e = el; e !== null && e !== document.body && parts.length < 4; e = e.parentElement) {
      let p = e.tagName.toLowerCase();
      if (e.id !== '' && !/^f-/.test(e.id)) { parts.unshift(p + '#' + e.id); break; }
      if (e.classList.length > 0) p += '.' + [...e.classList].join('.');
      parts.unshift(p);
    }
    return parts.join(' > ');
  };
  const text = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const byIds = (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)).filter((e) => e !== null)
    .map((e) => text(e.textContent)).join(' ').trim();
  const ariaName = (el) => text(el.getAttribute('aria-label')) || (el.hasAttribute('aria-labelledby') ? byIds(el.getAttribute('aria-labelledby')) : '')
    || text(el.getAttribute('title'));
  const fieldName = (el) => ariaName(el) || [...(el.labels ?? [])].map((l) => text(l.textContent)).join(' ').trim();
  const contentName = (el) => ariaName(el) || text(el.textContent)
    || [...el.querySelectorAll('img[alt]')].map((i) => text(i.getAttribute('alt'))).join(' ').trim();

  if (document.documentElement.getAttribute('lang') !== 'ru') findings.push('html: lang is not "ru"');
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden' || !visible(el)) continue;
    if (fieldName(el) === '') findings.push('label: ' + path(el) + ' has no accessible name');
  }
  for (const el of document.querySelectorAll('button, a[href], [role="button"], [role="tab"]')) {
    if (!visible(el) && el !== document.activeElement) continue;
    if (contentName(el) === '') findings.push('name: ' + path(el) + ' has no accessible name');
  }
  for (const el of document.querySelectorAll('img')) {
    if (!el.hasAttribute('alt')) findings.push('alt: ' + path(el) + ' has no alt');
  }
  const h1s = [...document.querySelectorAll('h1')].filter(visible).length;
  if (h1s !== 1) findings.push('headings: ' + h1s + ' visible h1 (one wanted)');
  let level = 0;
  for (const el of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (!visible(el)) continue;
    const n = Number(el.tagName[1]);
    if (n > level + 1) findings.push('headings: ' + path(el) + ' is h' + n + ' after h' + level + ' ("' + text(el.textContent).slice(0, 30) + '")');
    level = n;
  }

  // Contrast: colours composited as the browser paints them (alpha and opacity included).
  for (const el of document.body.querySelectorAll('*')) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '')) continue;
    if (!visible(el) || el.closest(':disabled, option, script, style, title') !== null) continue;
    const s = getComputedStyle(el);
    const { bg, opacity } = background(el);
    const fg = rgba(s.color);
    const r = ratio(over(fg, fg[3] * opacity, bg), bg);
    const px = parseFloat(s.fontSize);
    const large = px >= 24 || (px >= 18.66 && Number(s.fontWeight) >= 700);
    const min = large ? ${CONTRAST_LARGE_MIN} : ${CONTRAST_MIN};
    if (r < min - 0.005) findings.push('contrast: ' + path(el) + ' ' + r.toFixed(2) + ':1 < ' + min + ' (' + s.color + ' on rgb('
      + bg.map(Math.round).join(', ') + '), "' + text(el.textContent).slice(0, 30) + '")');
  }
  return findings;
})()`;

/** Every finding on the page as it is now: an empty list means it passed. */
export async function auditPage(page: Page): Promise<string[]> {
  return page.evaluate(SCRIPT) as Promise<string[]>;
}

/** Non-text contrast (WCAG 1.4.11): a focus indicator against what is next to it needs 3:1. */
export const FOCUS_CONTRAST_MIN = 3;

/**
 * How the focused element shows its focus: its outline or box-shadow, with the better contrast of
 * the two against the background around the element; null when it shows none that reaches 3:1.
 */
export async function focusMark(page: Page): Promise<string | null> {
  return page.evaluate(String.raw`(() => {
    ${COLOURS}
    const el = document.activeElement;
    if (el === null || el === document.body) return null;
    const s = getComputedStyle(el);
    const around = el.parentElement === null ? [255, 255, 255] : background(el.parentElement).bg;
    const marks = [];
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) marks.push(['outline', s.outlineColor]);
    const shadow = /rgba?\([^)]+\)/.exec(s.boxShadow);
    if (shadow !== null) marks.push(['box-shadow', shadow[0]]);
    const best = marks.map(([kind, c]) => { const v = rgba(c); return [kind, c, ratio(over(v, v[3], around), around)]; })
      .sort((a, b) => b[2] - a[2])[0];
    return best === undefined || best[2] < ${FOCUS_CONTRAST_MIN} ? null : best[0] + ' ' + best[1] + ' ' + best[2].toFixed(2) + ':1';
  })()`) as Promise<string | null>;
}

/** The focused element as tag#id.class[role] (or "body"), for the keyboard checks. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (el === null) return 'none';
    const role = el.getAttribute('role');
    return el.tagName.toLowerCase() + (el.id === '' ? '' : '#' + el.id) + (el.classList.length > 0 ? '.' + [...el.classList].join('.') : '')
      + (role === null ? '' : '[' + role + ']');
  })()`) as Promise<string>;
}
