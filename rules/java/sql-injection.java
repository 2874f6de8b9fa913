import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public class UserDao {
  private final Connection conn;

  public UserDao(Connection conn) {
    this.conn = conn;
  }

  public ResultSet findByEmail(String email) throws SQLException {
    Statement stmt = conn.createStatement();
    // ruleid: java-sql-string-concat
    return stmt.executeQuery("SELECT * FROM users WHERE email = '" + email + "'");
  }

  public PreparedStatement byStatus(String status) throws SQLException {
    String sql = "SELECT * FROM orders WHERE status = '" + status + "'";
    // ruleid: java-sql-string-concat
    return conn.prepareStatement(sql);
  }

  public int rename(String id, String name) throws SQLException {
    Statement stmt = conn.createStatement();
    // ruleid: java-sql-string-concat
    return stmt.executeUpdate(String.format("UPDATE users SET name = '%s' WHERE id = %s", name, id));
  }

  public ResultSet findByEmailSafe(String email) throws SQLException {
    // ok: java-sql-string-concat
    PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE email = ?");
    ps.setString(1, email);
    // ok: java-sql-string-concat
    return ps.executeQuery();
  }

  public ResultSet all() throws SQLException {
    Statement stmt = conn.createStatement();
    // ok: java-sql-string-concat
    return stmt.executeQuery("SELECT * FROM users");
  }
}
