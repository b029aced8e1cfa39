package authlete.test;

import authlete.AuthleteException;
import authlete.AuthenticationResponse;
import authlete.Client;
import authlete.FailResponse;
import authlete.Json;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The Java driver of examples/binding_checks.py: one JSON command per line on stdin, one JSON answer per line on
 * stdout. Test tool, not a sample. */
public final class BindingDriver {
  /** glibc's mallinfo2(), for the C heap in use (all arenas). */
  public interface LibC extends Library {
    LibC C = Native.load("c", LibC.class);
    Mallinfo2 mallinfo2();
  }

  @Structure.FieldOrder({"arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
      "fordblks", "keepcost"})
  public static final class Mallinfo2 extends Structure implements Structure.ByValue {
    public long arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
  }

  private final Map<Long, Client> clients = new HashMap<>();

  private static String text(Map<String, Object> c, String key) { return (String) c.get(key); }

  private static long number(Map<String, Object> c, String key) { return ((Number) c.get(key)).longValue(); }

  private static FailResponse fail(Client client, Map<String, Object> c) throws AuthleteException {
    return client.cibaFail(text(c, "service"), text(c, "ticket"), text(c, "reason"), text(c, "description"),
        text(c, "uri"));
  }

  @SuppressWarnings("unchecked")
  private Object run(Map<String, Object> c) throws Exception {
    Client client = c.containsKey("client") ? clients.get(number(c, "client")) : null;
    switch (text(c, "op")) {
      case "version": {
        List<Object> accepted = new ArrayList<>();
        for (Object n : (List<Object>) c.get("probe")) accepted.add(Client.acceptsVersion(((Number) n).intValue()));
        return Map.of("version", Client.libraryVersion(), "number", Client.libraryVersionNumber(),
            "header", Client.HEADER_VERSION_NUMBER, "accepted", accepted);
      }
      case "client": {
        Client.Config config = new Client.Config();
        ((Map<String, Object>) c.get("config")).forEach(config::set);
        long id = clients.size() + 1;
        clients.put(id, new Client(config));
        return Map.of("client", id);
      }
      case "close":
        client.close();
        return Map.of("closed", true);
      case "fail":
        return fail(client, c);
      case "authentication":
        return client.cibaAuthentication(text(c, "service"), text(c, "parameters"), text(c, "clientId"),
            text(c, "clientSecret"));
      case "issue":
        return client.cibaIssue(text(c, "service"), text(c, "ticket"));
      case "complete":
        return client.cibaComplete(text(c, "service"), text(c, "ticket"), text(c, "result"), text(c, "subject"),
            text(c, "claims"), text(c, "description"), text(c, "uri"));
      case "concurrent":
        return concurrent(client, c);
      case "leakcheck":
        return leakcheck(client, c);
      default:
        throw new IllegalArgumentException("unknown op " + text(c, "op"));
    }
  }

  /** callers threads, each making calls fail calls on the one client. */
  private static Object concurrent(Client client, Map<String, Object> c) throws Exception {
    int callers = (int) number(c, "callers"), calls = (int) number(c, "calls");
    Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<?>> running = new ArrayList<>();
    for (int t = 0; t < callers; t++) {
      running.add(pool.submit(() -> {
        for (int i = 0; i < calls; i++) {
          try {
            FailResponse answer = fail(client, c);
            outcomes.merge(answer.httpStatus() + " " + answer.responseContent(), 1, Integer::sum);
          } catch (AuthleteException e) {
            errors.add(e.getMessage());
          }
        }
      }));
    }
    for (Future<?> f : running) f.get();
    pool.shutdown();
    return Map.of("outcomes", new LinkedHashMap<>(outcomes), "errors", new ArrayList<>(errors));
  }

  /** The C heap in use after each of three runs of rounds of every kind of answer (the first: warm-up). */
  private static Object leakcheck(Client client, Map<String, Object> c) throws Exception {
    Runnable round = () -> {
      try {
        fail(client, Map.of("service", text(c, "service"), "ticket", "t", "reason", "ACCESS_DENIED", "description", "d"));
      } catch (AuthleteException ignored) { }
      try {
        fail(client, Map.of("service", text(c, "faultService"), "ticket", "t", "reason", "ACCESS_DENIED"));
      } catch (AuthleteException ignored) { }
      try {
        fail(client, Map.of("service", text(c, "service"), "reason", "NOPE"));
      } catch (AuthleteException ignored) { }
      try {
        AuthenticationResponse parsed = client.cibaAuthentication(text(c, "service"), text(c, "parameters"),
            text(c, "clientId"), text(c, "clientSecret"));
        client.cibaIssue(text(c, "service"), parsed.ticket());
        client.cibaComplete(text(c, "service"), parsed.ticket(), authlete.CompleteResult.AUTHORIZED, "john");
      } catch (AuthleteException e) {
        throw new IllegalStateException(e);
      }
    };
    List<Long> marks = new ArrayList<>();
    for (int mark = 0; mark < 3; mark++) {
      for (long i = 0; i < number(c, "rounds"); i++) round.run();
      settle();
      marks.add(LibC.C.mallinfo2().uordblks);
    }
    return Map.of("before", marks.get(0), "middle", marks.get(1), "after", marks.get(2),
        "live", Client.liveNativeObjects());
  }

  /** JNA frees its own native buffers (PointerByReference, ...) from a Cleaner after a GC: let that happen. */
  private static void settle() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
  }

  public static void main(String[] args) throws Exception {
    BindingDriver driver = new BindingDriver();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    for (String line; (line = in.readLine()) != null; ) {
      Map<String, Object> answer = new LinkedHashMap<>();
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> command = (Map<String, Object>) JsonReader.read(line);
        answer.put("ok", driver.run(command));
      } catch (AuthleteException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", e.status());
        error.put("name", e.statusName());
        error.put("detail", e.detail());
        error.put("body", e.body());
        error.put("resultCode", e.resultCode());
        error.put("message", e.getMessage());
        answer.put("error", error);
      } catch (Exception e) {
        answer.put("fatal", e.toString());
      }
      out.println(Json.write(answer));
    }
  }
}
