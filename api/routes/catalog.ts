// A school's canteen catalogue: product categories (the codes POS baskets and guardians' bans
// use) and products with prices, kept by catering.
import { Type } from '@sinclair/typebox';
import { ID_PATTERN, PRODUCT_PRICE_KOP_MAX, type Category as CategoryRecord, type Product } from '../../core/index.js';
import { type ApiContext, notFound, schoolCatalogueVisible, schoolInScope } from '../context.js';
import { ApiError } from '../errors.js';
import { route, type Route } from '../route.js';
import { Category, Id, Obj, Page, Text } from '../schemas.js';
import { newId } from '../store.js';
import type { Role } from '../tokens.js';
import { audited, ok, page, pageOf } from './common.js';

const CATERING: Role[] = ['city_admin', 'catering_operator'];
/** Who may read a school's catalogue: staff, and guardians of a child at the school (schoolCatalogueVisible). */
const READERS: Role[] = ['city_admin', 'school_operator', 'catering_operator', 'guardian'];
/** Most product categories per school. */
export const CATEGORIES_PER_SCHOOL_MAX = 200;
/** Most products per school. */
export const PRODUCTS_PER_SCHOOL_MAX = 2000;

const Price = Type.Integer({ minimum: 0, maximum: PRODUCT_PRICE_KOP_MAX, description: 'kopecks' });
const CategoryView = Obj({ id: Type.String(), schoolId: Id, code: Type.String(), name: Type.String() });
const ProductBody = Obj({ name: Text, category: Category, priceKop: Price, active: Type.Optional(Type.Boolean()) });
const ProductPatch = Obj({ name: Type.Optional(Text), category: Type.Optional(Category), priceKop: Type.Optional(Price), active: Type.Optional(Type.Boolean()) }, { minProperties: 1 });
const ProductView = Obj({ id: Id, schoolId: Id, name: Type.String(), category: Type.String(), priceKop: Type.Integer(), active: Type.Boolean() });

const categoryView = (c: CategoryRecord) => ({ id: c.id, schoolId: c.schoolId, code: c.code, name: c.name });
const productView = (p: Product) => ({ id: p.id, schoolId: p.schoolId, name: p.name, category: p.category, priceKop: p.priceKop, active: p.active });
/** A new category's id: `<school id>.<code>` where that fits in an id (64 characters), else a random one. */
function newCategoryId(schoolId: string, code: string): string {
  const id = `${schoolId}.${code}`;
  return ID_PATTERN.test(id) ? id : newId('c');
}

/** The category with `code` at the school, looked up by school and code (ids are opaque). */
function categoryAt(ctx: ApiContext, schoolId: string, code: string): CategoryRecord | undefined {
  for (const c of ctx.registry.categories.values()) if (c.schoolId === schoolId && c.code === code) return c;
  return undefined;
}

export const catalogRoutes: Route[] = [
  route({ method: 'POST', path: '/schools/:schoolId/categories', tag: 'catalogue', summary: 'Add a product category to a school\'s canteen', roles: CATERING,
    bodyKind: 'json', body: Obj({ code: Category, name: Text }), success: [201, CategoryView], errors: ['API_NOT_FOUND', 'API_CONFLICT'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const school = schoolInScope(ctx, req.principal, req.params['schoolId']!);
      const existing = categoryAt(ctx, school.id, req.body.code);
      if (existing !== undefined) throw new ApiError('API_CONFLICT', `category ${req.body.code} exists at this school`, { existingId: existing.id });
      if ([...ctx.registry.categories.values()].filter((x) => x.schoolId === school.id).length >= CATEGORIES_PER_SCHOOL_MAX) {
        throw new ApiError('API_CONFLICT', `a school has at most ${CATEGORIES_PER_SCHOOL_MAX} categories`);
      }
      const id = newCategoryId(school.id, req.body.code);
      const rec = ctx.store.record('category', { id, schoolId: school.id, ...req.body });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'category.create', [`category:${id}`]);
      return ok(201, categoryView(rec.value));
    }) }),
  route({ method: 'GET', path: '/schools/:schoolId/categories', tag: 'catalogue', summary: 'A school\'s product categories (guardians: a school one of their children attends)', roles: READERS,
    success: [200, Obj({ items: Type.Array(CategoryView) })], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => {
      const school = schoolCatalogueVisible(ctx, req.principal, req.params['schoolId']!);
      return ok(200, { items: [...ctx.registry.categories.values()].filter((c) => c.schoolId === school.id).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).map(categoryView) });
    } }),
  route({ method: 'POST', path: '/schools/:schoolId/products', tag: 'catalogue', summary: 'Add a product with its price; its category must exist at the school',
    roles: CATERING, bodyKind: 'json', body: ProductBody, success: [201, ProductView], errors: ['API_NOT_FOUND', 'API_CONFLICT'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const school = schoolInScope(ctx, req.principal, req.params['schoolId']!);
      if (categoryAt(ctx, school.id, req.body.category) === undefined) throw notFound('category', req.body.category);
      const count = [...ctx.registry.products.values()].filter((p) => p.schoolId === school.id).length;
      if (count >= PRODUCTS_PER_SCHOOL_MAX) throw new ApiError('API_CONFLICT', `a school has at most ${PRODUCTS_PER_SCHOOL_MAX} products`);
      const rec = ctx.store.record('product', { id: newId('pr'), schoolId: school.id, ...req.body });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'product.create', [`product:${rec.value.id}`]);
      return ok(201, productView(rec.value));
    }) }),
  route({ method: 'GET', path: '/schools/:schoolId/products', tag: 'catalogue', summary: 'A school\'s products, the menu (guardians: a school one of their children attends)', roles: READERS, query: Page,
    success: [200, pageOf(ProductView)], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => {
      const school = schoolCatalogueVisible(ctx, req.principal, req.params['schoolId']!);
      const r = page([...ctx.registry.products.values()].filter((p) => p.schoolId === school.id), req.query);
      return ok(200, { items: r.items.map(productView), next: r.next });
    } }),
  route({ method: 'PATCH', path: '/products/:productId', tag: 'catalogue', summary: 'Change a product\'s name, category, price or availability', roles: CATERING,
    bodyKind: 'json', body: ProductPatch, success: [200, ProductView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const old = ctx.registry.products.get(req.params['productId']!);
      if (old === undefined) throw notFound('product', req.params['productId']!);
      schoolInScope(ctx, req.principal, old.schoolId, 'product');
      if (req.body.category !== undefined && categoryAt(ctx, old.schoolId, req.body.category) === undefined) throw notFound('category', req.body.category);
      const rec = ctx.store.record('product', { ...old, ...req.body });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'product.update', [`product:${old.id}`]);
      return ok(200, productView(rec.value));
    }) }),
];
