package authlete;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/** Strings across the boundary: UTF-8 bytes in, UTF-8 out, whatever the JVM's default charset. */
final class Native {
  private Native() {}

  /** A NUL-terminated UTF-8 copy; null stays null. A NUL inside would cut the value in C, so it is refused. */
  static byte[] bytes(String s, String what) throws AuthleteException {
    if (s == null) return null;
    if (s.indexOf('\0') >= 0) throw new AuthleteException(AuthleteException.INVALID_ARGUMENT, what + " contains U+0000", null);
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    byte[] terminated = new byte[utf8.length + 1];
    System.arraycopy(utf8, 0, terminated, 0, utf8.length);
    return terminated;
  }

  /** A borrowed C string as a Java string; NULL (an absent member) is null. */
  static String string(Pointer p) {
    return p == null ? null : p.getString(0, "UTF-8");
  }
}
