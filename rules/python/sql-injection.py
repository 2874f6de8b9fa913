from sqlalchemy import text

from .models import User


def find_user_by_email(cur, email):
    # ruleid: python-sql-fstring
    cur.execute(f"SELECT * FROM users WHERE email = '{email}'")


def delete_order(conn, order_id):
    query = f"DELETE FROM orders WHERE id = {order_id}"
    # ruleid: python-sql-fstring
    conn.execute(query)


def search_products(session, term):
    # ruleid: python-sql-fstring
    return session.execute(text(f"SELECT * FROM products WHERE name LIKE '%{term}%'"))


def raw_lookup(username):
    # ruleid: python-sql-fstring
    return User.objects.raw(f"SELECT * FROM auth_user WHERE username = '{username}'")


def find_user_by_email_safe(cur, email):
    # ok: python-sql-fstring
    cur.execute("SELECT * FROM users WHERE email = %s", (email,))


def search_products_safe(session, term):
    # ok: python-sql-fstring
    return session.execute(text("SELECT * FROM products WHERE name LIKE :term"), {"term": f"%{term}%"})


def log_lookup(logger, email):
    # ok: python-sql-fstring
    logger.info(f"looking up {email}")


def get_user(cur, user_id):
    # ruleid: python-sql-string-concat
    cur.execute("SELECT * FROM users WHERE id = " + user_id)


def get_user_by_name(cur, name):
    # ruleid: python-sql-string-concat
    cur.execute("SELECT * FROM users WHERE name = '" + name + "'")


def get_user_percent(cur, name):
    # ruleid: python-sql-string-concat
    cur.execute("SELECT * FROM users WHERE name = '%s'" % name)


def get_user_format(cur, name):
    sql = "SELECT * FROM users WHERE name = '{}'".format(name)
    # ruleid: python-sql-string-concat
    cur.execute(sql)


def bulk_insert(conn, table, rows):
    stmt = "INSERT INTO " + table + " VALUES (?, ?)"
    # ruleid: python-sql-string-concat
    conn.executemany(stmt, rows)


def get_user_by_name_safe(cur, name):
    # ok: python-sql-string-concat
    cur.execute("SELECT * FROM users WHERE name = %s", (name,))


def list_users(cur):
    # ok: python-sql-string-concat
    cur.execute("SELECT id, name " + "FROM users")


def get_user_named_param(cur, name):
    # ok: python-sql-string-concat
    cur.execute("SELECT * FROM users WHERE name = %(name)s", {"name": name})
