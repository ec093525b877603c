// What every part of the parents' portal shares: the children the signed-in guardian may see
// (GET /me/children), the school catalogue of the chosen child (product and category names for
// purchases and bans), and small helpers to show a section's failure in place, so that one
// unavailable service (history, balance) never blanks the whole page.
import { api, ApiFailure } from '../common/api.js';
import { notice, replace } from '../common/dom.js';

export interface Child {
  readonly personId: string; readonly schoolId: string; readonly schoolName: string; readonly timeZone: string;
  readonly displayName: string; readonly className: string; readonly relation: 'parent' | 'trusted';
  readonly scopes: readonly string[]; readonly accountId: string | null;
}

export interface Catalogue {
  /** Product id → name. */
  readonly products: ReadonlyMap<string, string>;
  /** Category code → name, in the school's order. */
  readonly categories: ReadonlyMap<string, string>;
}

/** Whether the guardian may see `scope` of the child (a parent sees everything). */
export const may = (c: Child, scope: string): boolean => c.scopes.includes(scope);
export const isParent = (c: Child): boolean => c.relation === 'parent';

/** Most products one catalogue page returns (the API's page maximum). */
const CATALOGUE_PAGE_MAX = 1000;
/** Most catalogue pages read (2,000 products per school at most, so 2 pages). */
const CATALOGUE_PAGES_MAX = 3;
const catalogues = new Map<string, Promise<Catalogue>>();

/** The school's catalogue names, read once per school while the page is open. */
export function catalogueOf(schoolId: string): Promise<Catalogue> {
  let c = catalogues.get(schoolId);
  if (c === undefined) {
    c = loadCatalogue(schoolId);
    catalogues.set(schoolId, c);
    c.catch(() => catalogues.delete(schoolId));
  }
  return c;
}

async function loadCatalogue(schoolId: string): Promise<Catalogue> {
  const base = `/schools/${encodeURIComponent(schoolId)}`;
  const cats = await api<{ items: Array<{ code: string; name: string }> }>('GET', `${base}/categories`);
  const products = new Map<string, string>();
  let after: string | null = null;
  for (let i = 0; i < CATALOGUE_PAGES_MAX; i++) {
    const q: string = `?limit=${CATALOGUE_PAGE_MAX}${after === null ? '' : `&after=${encodeURIComponent(after)}`}`;
    const page: { items: Array<{ id: string; name: string }>; next: string | null } = await api('GET', `${base}/products${q}`);
    for (const p of page.items) products.set(p.id, p.name);
    after = page.next;
    if (after === null) break;
  }
  return { products, categories: new Map(cats.items.map((c) => [c.code, c.name])) };
}

/** The Russian text of a failure, for a section that could not load or save. */
export function failureText(err: unknown, fallback: string): string {
  if (err instanceof ApiFailure) return err.code === 'API_FORBIDDEN' ? 'Вам не открыт доступ к этим сведениям.' : err.text;
  return fallback;
}

/** Shows a section's failure in its own place. */
export function showFailure(el: Element, err: unknown, fallback: string): void {
  replace(el, notice('error', failureText(err, fallback)));
  if (!(err instanceof ApiFailure)) console.error(err);
}

/** A button that runs `action` once at a time (disabled while it runs). */
export async function busy(button: HTMLButtonElement, action: () => Promise<void>): Promise<void> {
  if (button.disabled) return;
  button.disabled = true;
  try { await action(); } finally { button.disabled = false; }
}
