import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;

public class Hashing {
  public byte[] legacyDigest(byte[] data) throws NoSuchAlgorithmException {
    // ruleid: java-weak-crypto-algorithm
    return MessageDigest.getInstance("MD5").digest(data);
  }

  public Cipher defaultAes() throws NoSuchAlgorithmException, NoSuchPaddingException {
    // ruleid: java-weak-crypto-algorithm
    return Cipher.getInstance("AES");
  }

  public Cipher ecb() throws NoSuchAlgorithmException, NoSuchPaddingException {
    // ruleid: java-weak-crypto-algorithm
    return Cipher.getInstance("AES/ECB/PKCS5Padding");
  }

  public Cipher tripleDes() throws NoSuchAlgorithmException, NoSuchPaddingException {
    // ruleid: java-weak-crypto-algorithm
    return Cipher.getInstance("DESede/CBC/PKCS5Padding");
  }

  public byte[] digest(byte[] data) throws NoSuchAlgorithmException {
    // ok: java-weak-crypto-algorithm
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  public Cipher gcm() throws NoSuchAlgorithmException, NoSuchPaddingException {
    // ok: java-weak-crypto-algorithm
    return Cipher.getInstance("AES/GCM/NoPadding");
  }
}
