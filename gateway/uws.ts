export { loadUws } from '../lib/uws.js';
