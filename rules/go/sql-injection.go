package store

import (
	"context"
	"database/sql"
	"fmt"
)

func FindUser(db *sql.DB, email string) (*sql.Rows, error) {
	// ruleid: go-sql-string-formatting
	return db.Query(fmt.Sprintf("SELECT * FROM users WHERE email = '%s'", email))
}

func DeleteOrder(ctx context.Context, db *sql.DB, id string) error {
	// ruleid: go-sql-string-formatting
	_, err := db.ExecContext(ctx, "DELETE FROM orders WHERE id = "+id)
	return err
}

func CountByStatus(ctx context.Context, db *sql.DB, status string) (int, error) {
	query := fmt.Sprintf("SELECT count(*) FROM orders WHERE status = '%s'", status)
	var n int
	// ruleid: go-sql-string-formatting
	err := db.QueryRowContext(ctx, query).Scan(&n)
	return n, err
}

func FindUserSafe(db *sql.DB, email string) (*sql.Rows, error) {
	// ok: go-sql-string-formatting
	return db.Query("SELECT * FROM users WHERE email = $1", email)
}

func DeleteOrderSafe(ctx context.Context, db *sql.DB, id string) error {
	// ok: go-sql-string-formatting
	_, err := db.ExecContext(ctx, "DELETE FROM orders WHERE id = $1", id)
	return err
}

func Describe(status string) string {
	// ok: go-sql-string-formatting
	return fmt.Sprintf("orders with status %s", status)
}
