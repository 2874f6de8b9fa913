import pg from "pg";
import sqlite3 from "sqlite3";

const pool = new pg.Pool();
const db = new sqlite3.Database("app.db");

export async function findUser(req, res) {
  // ruleid: javascript-sql-template-literal
  const { rows } = await pool.query(`SELECT * FROM users WHERE email = '${req.query.email}'`);
  res.json(rows);
}

export async function deleteOrder(id) {
  const sql = `
    DELETE FROM orders WHERE id = ${id}`;
  // ruleid: javascript-sql-template-literal
  return pool.query(sql);
}

export function listOrders(customerId, cb) {
  // ruleid: javascript-sql-template-literal
  db.all(`SELECT * FROM orders WHERE customer_id = ${customerId}`, cb);
}

export async function findUserSafe(req, res) {
  // ok: javascript-sql-template-literal
  const { rows } = await pool.query("SELECT * FROM users WHERE email = $1", [req.query.email]);
  res.json(rows);
}

export async function countUsers() {
  // ok: javascript-sql-template-literal
  return pool.query(`SELECT count(*) FROM users`);
}

export function routes(app, cache) {
  // ok: javascript-sql-template-literal
  app.get(`/users/${process.env.API_VERSION}/me`, (req, res) => res.json(req.user));
  // ok: javascript-sql-template-literal
  return cache.get(`user:${app.locals.id}`);
}

export async function getUser(id) {
  // ruleid: javascript-sql-string-concat
  return pool.query("SELECT * FROM users WHERE id = " + id);
}

export function searchProducts(term, cb) {
  const q = "SELECT * FROM products WHERE name LIKE '%" + term + "%'";
  // ruleid: javascript-sql-string-concat
  db.all(q, cb);
}

export async function getUserSafe(id) {
  // ok: javascript-sql-string-concat
  return pool.query("SELECT * FROM users WHERE id = $1", [id]);
}

export async function listColumns() {
  // ok: javascript-sql-string-concat
  return pool.query("SELECT id, name " + "FROM users");
}

export function cacheKey(cache, id) {
  // ok: javascript-sql-string-concat
  return cache.get("user:" + id);
}
