package authlete.sample;

import authlete.AuthleteException;
import authlete.Client;
import authlete.FailResponse;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ciba-fail: rejects a CIBA backchannel authentication request from the command line (the Java twin of
 * examples/c/ciba-fail.c). Configuration from the environment: AUTHLETE_BASE_URL, AUTHLETE_BEARER, ...
 * Exit status: 0 success; 1..9 the libauthlete status; 64 usage error; 70 library of another series.
 */
public final class CibaFail {
  private static final List<String> FLAGS = List.of("--service-id", "--ticket", "--reason", "--description", "--uri");

  public static void main(String[] args) {
    // UTF-8 whatever the locale: under a C locale JDK 17 would print non-ASCII as '?'.
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Map<String, String> options = new HashMap<>();
    options.put("--service-id", System.getenv("AUTHLETE_SERVICE_APIKEY"));
    for (int i = 0; i < args.length; i += 2) {
      if (!FLAGS.contains(args[i]) || i + 1 >= args.length) usage();
      options.put(args[i], args[i + 1]);
    }
    if (options.get("--service-id") == null) usage();
    if (!Client.acceptsVersion(Client.libraryVersionNumber())) {
      System.err.println("ciba-fail: libauthlete " + Client.libraryVersion() + " is of another series");
      System.exit(70);
    }
    try (Client client = Client.fromEnvironment()) {
      FailResponse answer = client.cibaFail(options.get("--service-id"), options.get("--ticket"),
          options.get("--reason"), options.get("--description"), options.get("--uri"));
      out.printf("action: %s%nhttp_status: %d%nresponse_content: %s%nresult_code: %s%n", answer.action(),
          answer.httpStatus(), answer.responseContent(), answer.resultCode());
    } catch (AuthleteException e) {
      System.err.println("ciba-fail: " + e.getMessage());
      if (e.body() != null) System.err.println("ciba-fail: Authlete answered: " + e.body());
      System.exit(e.status());
    }
  }

  private static void usage() {
    System.err.println("usage: CibaFail --service-id ID [--ticket T] [--reason NAME] [--description TEXT] [--uri URI]");
    System.exit(64);
  }
}
