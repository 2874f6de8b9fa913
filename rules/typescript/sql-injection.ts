import { PrismaClient } from "@prisma/client";
import type { Request, Response } from "express";
import { Sequelize, literal, type Model } from "sequelize";
import type { DataSource } from "typeorm";

const prisma = new PrismaClient();

interface UserRow {
  id: number;
  email: string;
}

export async function findUser(req: Request, res: Response): Promise<void> {
  const email = String(req.query.email);
  // ruleid: typescript-prisma-raw-unsafe-interpolation
  const users: UserRow[] = await prisma.$queryRawUnsafe(`SELECT * FROM "User" WHERE email = '${email}'`);
  res.json(users);
}

export async function deleteUser(id: string): Promise<number> {
  const sql = 'DELETE FROM "User" WHERE id = ' + id;
  // ruleid: typescript-prisma-raw-unsafe-interpolation
  return prisma.$executeRawUnsafe(sql);
}

export async function findUserSafe(email: string): Promise<UserRow[]> {
  // ok: typescript-prisma-raw-unsafe-interpolation
  return prisma.$queryRaw<UserRow[]>`SELECT * FROM "User" WHERE email = ${email}`;
}

export async function findUserPositional(email: string): Promise<UserRow[]> {
  // ok: typescript-prisma-raw-unsafe-interpolation
  return prisma.$queryRawUnsafe<UserRow[]>('SELECT * FROM "User" WHERE email = $1', email);
}

export async function searchUsers(dataSource: DataSource, term: string) {
  return (
    dataSource
      .createQueryBuilder()
      .select("user")
      .from("user", "user")
      // ruleid: typescript-typeorm-where-interpolation
      .where(`user.name LIKE '%${term}%'`)
      .getMany()
  );
}

export async function ordersFor(dataSource: DataSource, customerId: string, status: string) {
  const qb = dataSource.createQueryBuilder().select("o").from("orders", "o");
  qb.where("o.customer_id = :customerId", { customerId });
  // ruleid: typescript-typeorm-where-interpolation
  qb.andWhere(`o.status = '${status}'`);
  return qb.getMany();
}

export async function searchUsersSafe(dataSource: DataSource, term: string) {
  return (
    dataSource
      .createQueryBuilder()
      .select("user")
      .from("user", "user")
      // ok: typescript-typeorm-where-interpolation
      .where("user.name LIKE :term", { term: `%${term}%` })
      .getMany()
  );
}

export function activeOnly(qb: { where(condition: string): unknown }) {
  // ok: typescript-typeorm-where-interpolation
  return qb.where(`user.active = true`);
}

export async function orderCount(sequelize: Sequelize, Order: typeof Model, customerId: string) {
  return Order.findAll({
    attributes: [
      // ruleid: typescript-sequelize-literal-interpolation
      [sequelize.literal(`(SELECT COUNT(*) FROM orders WHERE customer_id = ${customerId})`), "orderCount"],
    ],
  });
}

export function sortBy(column: string) {
  // ruleid: typescript-sequelize-literal-interpolation
  return literal("lower(" + column + ")");
}

export function newest() {
  // ok: typescript-sequelize-literal-interpolation
  return literal("created_at DESC");
}

export async function ordersByStatus(sequelize: Sequelize, status: string) {
  // ok: typescript-sequelize-literal-interpolation
  return sequelize.query("SELECT * FROM orders WHERE status = :status", { replacements: { status } });
}
