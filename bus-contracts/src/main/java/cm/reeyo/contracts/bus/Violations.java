package cm.reeyo.contracts.bus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Contract violations {@link ContractCheck} saw in this JVM, kept until a test harness takes them. */
public final class Violations {

  private static final Set<String> SEEN = new LinkedHashSet<>();

  private Violations() {
  }

  /** Records a violation (the bus check, and the HTTP response check of the edge). */
  public static synchronized void record(String violation) {
    SEEN.add(violation);
  }

  /** The violations seen since the last call, oldest first; they are forgotten. */
  public static synchronized List<String> drain() {
    List<String> out = new ArrayList<>(SEEN);
    SEEN.clear();
    return out;
  }
}
