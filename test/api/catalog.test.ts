// Contract tests of the canteen catalogue routes (categories and products) against a real
// gateway with its NATS (no mocks): status codes, bodies, duplicates, price bounds, the error
// envelope, and catering operators held to their own schools.
import t, { type Test } from 'tap';
import { PRODUCT_PRICE_KOP_MAX } from '../../core/index.js';
import { startApiStack, SCHOOL_A, SCHOOL_B, type ApiResponse, expectApiError } from '../helpers/api-fixtures.js';
import { waitFor, WAIT_MS } from '../helpers/gateway-fixtures.js';

const api = await startApiStack();
t.teardown(() => api.stop());
const { admin } = api;
const cateringA = await api.clientFor({ role: 'catering_operator', schoolIds: [SCHOOL_A] });
const cateringB = await api.clientFor({ role: 'catering_operator', schoolIds: [SCHOOL_B] });

const isError = expectApiError;

t.test('categories - create and list; a code is unique per school', async (t) => {
  const drinks = await cateringA('POST', `/schools/${SCHOOL_A}/categories`, { code: 'drinks', name: 'Напитки' });
  t.equal(drinks.status, 201);
  t.same(drinks.body, { id: `${SCHOOL_A}.drinks`, schoolId: SCHOOL_A, code: 'drinks', name: 'Напитки' });
  const sweets = await admin('POST', `/schools/${SCHOOL_A}/categories`, { code: 'sweets', name: 'Сладкое' });
  t.equal(sweets.status, 201, 'the city admin may add categories too');
  const hot = await cateringA('POST', `/schools/${SCHOOL_A}/categories`, { code: 'hot_meal-1', name: 'Горячее' });
  t.equal(hot.status, 201);

  const dup = isError(t, await cateringA('POST', `/schools/${SCHOOL_A}/categories`, { code: 'drinks', name: 'Другие напитки' }), 409, 'API_CONFLICT',
    'the same code again');
  t.same(dup, { existingId: `${SCHOOL_A}.drinks` });
  const otherSchool = await cateringB('POST', `/schools/${SCHOOL_B}/categories`, { code: 'drinks', name: 'Напитки' });
  t.equal(otherSchool.status, 201, 'the same code at another school');
  t.equal(otherSchool.body.id, `${SCHOOL_B}.drinks`);

  const list = await cateringA('GET', `/schools/${SCHOOL_A}/categories`);
  t.equal(list.status, 200);
  t.same(list.body, { items: [drinks.body, hot.body, sweets.body] }, 'only this school\'s, sorted by code');
  const operatorA = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A] });
  t.same((await operatorA('GET', `/schools/${SCHOOL_A}/categories`)).body, list.body, 'school operators read the categories');
  t.same((await admin('GET', `/schools/${SCHOOL_B}/categories`)).body, { items: [otherSchool.body] });
});

t.test('categories - invalid and unknown', async (t) => {
  const bad: Array<[string, Record<string, unknown>]> = [
    ['upper case code', { code: 'Drinks', name: 'X' }],
    ['code with a space', { code: 'hot meal', name: 'X' }],
    ['code too long', { code: 'a'.repeat(33), name: 'X' }],
    ['empty code', { code: '', name: 'X' }],
    ['no name', { code: 'soup' }],
    ['empty name', { code: 'soup', name: '' }],
    ['unknown field', { code: 'soup', name: 'Суп', id: 'x' }],
  ];
  for (const [what, body] of bad) isError(t, await cateringA('POST', `/schools/${SCHOOL_A}/categories`, body), 400, 'API_INVALID_REQUEST', what);
  const missing = isError(t, await admin('POST', '/schools/no-such-school/categories', { code: 'soup', name: 'Суп' }), 404, 'API_NOT_FOUND', 'unknown school');
  t.same(missing, {}, 'no details: the same 404 whether it exists or is out of scope');
  isError(t, await admin('GET', '/schools/no-such-school/categories'), 404, 'API_NOT_FOUND', 'categories of an unknown school');
  t.notOk((await admin('GET', `/schools/${SCHOOL_A}/categories`)).body.items.some((c: { code: string }) => c.code === 'soup'), 'nothing was added');
});

let productA = '';

t.test('products - create, list and patch', async (t) => {
  const juice = await cateringA('POST', `/schools/${SCHOOL_A}/products`, { name: 'Сок яблочный', category: 'drinks', priceKop: 4500 });
  t.equal(juice.status, 201);
  t.match(juice.body, { id: /^pr_[A-Za-z0-9_-]+$/, schoolId: SCHOOL_A, name: 'Сок яблочный', category: 'drinks', priceKop: 4500, active: true });
  t.same(Object.keys(juice.body).sort(), ['active', 'category', 'id', 'name', 'priceKop', 'schoolId']);
  productA = juice.body.id;
  const free = await cateringA('POST', `/schools/${SCHOOL_A}/products`, { name: 'Вода', category: 'drinks', priceKop: 0, active: false });
  t.same([free.status, free.body.priceKop, free.body.active], [201, 0, false], 'price 0, inactive');
  const dear = await admin('POST', `/schools/${SCHOOL_A}/products`, { name: 'Торт', category: 'sweets', priceKop: PRODUCT_PRICE_KOP_MAX });
  t.same([dear.status, dear.body.priceKop], [201, PRODUCT_PRICE_KOP_MAX], 'the largest price');
  const again = await cateringA('POST', `/schools/${SCHOOL_A}/products`, { name: 'Сок яблочный', category: 'drinks', priceKop: 5000 });
  t.equal(again.status, 201, 'a second product of the same name is a new product (e.g. another size)');
  t.not(again.body.id, productA);

  const list = await cateringA('GET', `/schools/${SCHOOL_A}/products`);
  t.equal(list.status, 200);
  const ids = [productA, free.body.id, dear.body.id, again.body.id].sort();
  t.same(list.body.items.map((p: { id: string }) => p.id), ids, 'this school\'s products, sorted by id');
  t.equal(list.body.next, null);
  t.same(list.body.items.find((p: { id: string }) => p.id === productA), juice.body);
  const page1 = await cateringA('GET', `/schools/${SCHOOL_A}/products?limit=3`);
  t.same([page1.body.items.length, page1.body.next], [3, ids[2]]);
  const page2 = await cateringA('GET', `/schools/${SCHOOL_A}/products?limit=3&after=${page1.body.next}`);
  t.same([page2.body.items.map((p: { id: string }) => p.id), page2.body.next], [[ids[3]], null]);
  t.same((await admin('GET', `/schools/${SCHOOL_B}/products`)).body, { items: [], next: null }, 'school B has none');

  const cheaper = await cateringA('PATCH', `/products/${productA}`, { priceKop: 4000 });
  t.equal(cheaper.status, 200);
  t.same(cheaper.body, { ...juice.body, priceKop: 4000 });
  const moved = await cateringA('PATCH', `/products/${productA}`, { name: 'Компот', category: 'sweets', active: false });
  t.same(moved.body, { ...juice.body, name: 'Компот', category: 'sweets', priceKop: 4000, active: false });
  t.same((await cateringA('GET', `/schools/${SCHOOL_A}/products`)).body.items.find((p: { id: string }) => p.id === productA), moved.body, 'read back');
  const operatorA = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A] });
  t.equal((await operatorA('GET', `/schools/${SCHOOL_A}/products`)).status, 200, 'school operators read the menu');
});

t.test('products - unknown category 404, price bounds and invalid bodies 400', async (t) => {
  const unknown = isError(t, await cateringA('POST', `/schools/${SCHOOL_A}/products`, { name: 'Чипсы', category: 'snacks', priceKop: 100 }), 404,
    'API_NOT_FOUND', 'unknown category');
  t.same(unknown, {}, 'no details: the same 404 whether it exists or is out of scope');
  // A category of another school does not count.
  await cateringB('POST', `/schools/${SCHOOL_B}/categories`, { code: 'bakery', name: 'Выпечка' });
  isError(t, await cateringA('POST', `/schools/${SCHOOL_A}/products`, { name: 'Булка', category: 'bakery', priceKop: 100 }), 404, 'API_NOT_FOUND',
    'category of another school');
  const bad: Array<[string, Record<string, unknown>]> = [
    ['negative price', { name: 'X', category: 'drinks', priceKop: -1 }],
    ['price above the largest', { name: 'X', category: 'drinks', priceKop: PRODUCT_PRICE_KOP_MAX + 1 }],
    ['fractional price', { name: 'X', category: 'drinks', priceKop: 10.5 }],
    ['price as a string', { name: 'X', category: 'drinks', priceKop: '100' }],
    ['no price', { name: 'X', category: 'drinks' }],
    ['no name', { category: 'drinks', priceKop: 100 }],
    ['bad category code', { name: 'X', category: 'Drinks!', priceKop: 100 }],
    ['active as a string', { name: 'X', category: 'drinks', priceKop: 100, active: 'yes' }],
    ['unknown field', { name: 'X', category: 'drinks', priceKop: 100, schoolId: SCHOOL_B }],
  ];
  for (const [what, body] of bad) isError(t, await cateringA('POST', `/schools/${SCHOOL_A}/products`, body), 400, 'API_INVALID_REQUEST', what);
  isError(t, await admin('POST', '/schools/no-such-school/products', { name: 'X', category: 'drinks', priceKop: 1 }), 404, 'API_NOT_FOUND', 'unknown school');
  isError(t, await admin('GET', '/schools/no-such-school/products'), 404, 'API_NOT_FOUND', 'products of an unknown school');
  isError(t, await cateringA('GET', `/schools/${SCHOOL_A}/products?limit=0`), 400, 'API_INVALID_REQUEST', 'limit 0');

  const patchBad: Array<[string, Record<string, unknown>]> = [
    ['empty patch', {}],
    ['negative price', { priceKop: -5 }],
    ['price above the largest', { priceKop: PRODUCT_PRICE_KOP_MAX + 1 }],
    ['moving to another school', { schoolId: SCHOOL_B }],
  ];
  for (const [what, body] of patchBad) isError(t, await cateringA('PATCH', `/products/${productA}`, body), 400, 'API_INVALID_REQUEST', `patch: ${what}`);
  const cat = isError(t, await cateringA('PATCH', `/products/${productA}`, { category: 'snacks' }), 404, 'API_NOT_FOUND', 'patch to an unknown category');
  t.same(cat, {}, 'no details: the same 404 whether it exists or is out of scope');
  const missing = isError(t, await cateringA('PATCH', '/products/no-such-product', { priceKop: 1 }), 404, 'API_NOT_FOUND', 'unknown product');
  t.same(missing, {}, 'no details: the same 404 whether it exists or is out of scope');
  const after = (await cateringA('GET', `/schools/${SCHOOL_A}/products`)).body.items.find((p: { id: string }) => p.id === productA);
  t.match(after, { priceKop: 4000, category: 'sweets' }, 'the product is unchanged');
  t.equal((await cateringA('GET', `/schools/${SCHOOL_A}/products`)).body.items.length, 4, 'no product was added');
});

t.test('catalogue - a catering operator of school A may not touch school B', async (t) => {
  const productB = await cateringB('POST', `/schools/${SCHOOL_B}/products`, { name: 'Булка', category: 'bakery', priceKop: 2500 });
  t.equal(productB.status, 201);
  const calls: Array<[string, string, string, unknown]> = [
    ['add a category', 'POST', `/schools/${SCHOOL_B}/categories`, { code: 'fruit', name: 'Фрукты' }],
    ['list categories', 'GET', `/schools/${SCHOOL_B}/categories`, undefined],
    ['add a product', 'POST', `/schools/${SCHOOL_B}/products`, { name: 'Булка', category: 'bakery', priceKop: 1 }],
    ['list products', 'GET', `/schools/${SCHOOL_B}/products`, undefined],
    ['change a product', 'PATCH', `/products/${productB.body.id}`, { priceKop: 1 }],
  ];
  for (const [what, method, path, body] of calls) {
    const d = isError(t, await cateringA(method, path, body), 404, 'API_NOT_FOUND', what);
    t.same(d, {}, `${what}: says nothing of the school`);
  }
  t.same((await admin('GET', `/schools/${SCHOOL_B}/products`)).body.items, [productB.body], 'school B\'s menu is unchanged');
  t.same((await admin('GET', `/schools/${SCHOOL_B}/categories`)).body.items.map((c: { code: string }) => c.code), ['bakery', 'drinks']);

  // Roles: school operators and others read at most; they do not change the catalogue.
  const operatorA = await api.clientFor({ role: 'school_operator', schoolIds: [SCHOOL_A] });
  const payments = await api.clientFor({ role: 'payment_integration' });
  isError(t, await operatorA('POST', `/schools/${SCHOOL_A}/categories`, { code: 'fruit', name: 'Фрукты' }), 403, 'API_FORBIDDEN', 'school operator adds a category');
  isError(t, await operatorA('POST', `/schools/${SCHOOL_A}/products`, { name: 'X', category: 'drinks', priceKop: 1 }), 403, 'API_FORBIDDEN',
    'school operator adds a product');
  isError(t, await operatorA('PATCH', `/products/${productA}`, { priceKop: 1 }), 403, 'API_FORBIDDEN', 'school operator changes a price');
  isError(t, await payments('GET', `/schools/${SCHOOL_A}/products`), 403, 'API_FORBIDDEN', 'payment integration reads the menu');
  isError(t, await cateringA('GET', `/schools/${SCHOOL_A}/products`, undefined, { token: null }), 401, 'API_UNAUTHENTICATED', 'no token');
});

t.test('catalogue - changes are audited by id', async (t) => {
  const r = await admin('GET', '/audit?limit=200');
  t.equal(r.status, 200);
  const items = r.body.items as Array<{ action: string; targets: string[]; role: string }>;
  const has = (action: string, target: string, role: string) => items.some((e) => e.action === action && e.targets.includes(target) && e.role === role);
  t.ok(has('category.create', `category:${SCHOOL_A}.drinks`, 'catering_operator'), 'category.create');
  t.ok(has('product.create', `product:${productA}`, 'catering_operator'), 'product.create');
  t.ok(has('product.update', `product:${productA}`, 'catering_operator'), 'product.update');
  t.notOk(/[А-Яа-яЁё]/.test(JSON.stringify(r.body)), 'no product or category names');
});

t.test('categories - a school whose id is as long as ids go has a catalogue too', async (t) => {
  // Schools loaded from a registry file may have ids of up to 64 characters.
  const longId = `school-${'x'.repeat(57)}`;
  await api.stack.loadRegistry({ schools: [{ id: longId, name: 'Long', timeZone: 'Europe/Moscow' }] });
  await waitFor(async () => (await admin('GET', `/schools/${longId}`)).status === 200, WAIT_MS, 'registry load seen');
  const code = 'a'.repeat(32);
  const c = await admin('POST', `/schools/${longId}/categories`, { code, name: 'X' });
  t.equal(c.status, 201, 'a category');
  t.match(c.body, { id: String, schoolId: longId, code, name: 'X' });
  const dup = isError(t, await admin('POST', `/schools/${longId}/categories`, { code, name: 'Y' }), 409, 'API_CONFLICT', 'its duplicate');
  t.same(dup, { existingId: c.body.id });
  t.same((await admin('GET', `/schools/${longId}/categories`)).body.items, [c.body]);
  const p = await admin('POST', `/schools/${longId}/products`, { name: 'X', category: code, priceKop: 1 });
  t.equal(p.status, 201, 'a product of it');
  t.equal((await admin('PATCH', `/products/${p.body.id}`, { category: code, priceKop: 2 })).status, 200, 'a change of it');
  isError(t, await admin('POST', `/schools/${longId}/products`, { name: 'X', category: 'b', priceKop: 1 }), 404, 'API_NOT_FOUND', 'an unknown category there');
});
