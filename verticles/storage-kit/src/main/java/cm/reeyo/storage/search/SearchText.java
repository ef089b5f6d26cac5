package cm.reeyo.storage.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How text becomes search terms, the same way for what is indexed and for what is asked: lower case, accents and
 * ligatures folded ({@code Ndolé} → {@code ndole}, {@code œuf} → {@code oeuf}), split on anything not a letter or digit,
 * French and English stop words dropped, a plural {@code -s} / {@code -x} dropped. Indexed text also gets each word's
 * prefixes (from three letters: search as you type) and its translation in the other language from a small
 * food dictionary ({@code poulet} ↔ {@code chicken}), so either language finds a dish named in the other.
 */
public final class SearchText {

  static final int MIN_PREFIX = 3;
  static final int MAX_TERMS = 8;
  private static final Set<String> STOP = Set.of("le", "la", "les", "l", "de", "du", "des", "d", "un", "une", "et",
    "a", "au", "aux", "en", "avec", "sans", "pour", "sur", "chez", "the", "and", "of", "with", "in", "on", "for", "to",
    "an", "or", "ou");
  private static final Map<String, String> PAIRS = Map.ofEntries(Map.entry("poulet", "chicken"),
    Map.entry("poisson", "fish"), Map.entry("boeuf", "beef"), Map.entry("porc", "pork"), Map.entry("riz", "rice"),
    Map.entry("frites", "fries"), Map.entry("legumes", "vegetables"), Map.entry("haricots", "beans"),
    Map.entry("boisson", "drink"), Map.entry("jus", "juice"), Map.entry("gateau", "cake"), Map.entry("pain", "bread"),
    Map.entry("oeuf", "egg"), Map.entry("fromage", "cheese"), Map.entry("crevettes", "shrimp"),
    Map.entry("agneau", "lamb"), Map.entry("chevre", "goat"), Map.entry("salade", "salad"), Map.entry("soupe", "soup"),
    Map.entry("grille", "grilled"), Map.entry("braise", "braised"), Map.entry("piment", "chili"),
    Map.entry("manioc", "cassava"), Map.entry("arachide", "peanut"), Map.entry("cafe", "coffee"),
    Map.entry("lait", "milk"), Map.entry("viande", "meat"), Map.entry("brochette", "skewer"),
    Map.entry("epinards", "spinach"), Map.entry("sucre", "sugar"), Map.entry("glace", "ice cream"));
  private static final Map<String, List<String>> SYNONYMS = synonyms();

  private SearchText() {
  }

  /** Lower case without accents or ligatures. */
  public static String fold(String text) {
    String lower = text.toLowerCase(Locale.ROOT).replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
    return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
  }

  /** The words of a text as terms (folded, stop words dropped, singular), in order, without repeats. */
  public static List<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    if (text != null) {
      for (String w : fold(text).split("[^a-z0-9]+")) {
        if (!w.isEmpty() && !STOP.contains(w)) {
          out.add(singular(w));
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** What a question asks for: each term must be found (at most {@value #MAX_TERMS} are kept). */
  public static List<String> query(String q) {
    List<String> w = words(q);
    return w.size() > MAX_TERMS ? w.subList(0, MAX_TERMS) : w;
  }

  /** Every term a text is found by: its words, their translations, and their prefixes. */
  public static Set<String> indexTerms(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : words(text)) {
      addWithPrefixes(out, w);
      SYNONYMS.getOrDefault(w, List.of()).forEach(s -> addWithPrefixes(out, s));
    }
    return out;
  }

  /** True when every term of {@code query} is among the index terms of {@code text}. */
  public static boolean matches(List<String> query, String text) {
    return indexTerms(text).containsAll(query);
  }

  private static void addWithPrefixes(Set<String> out, String w) {
    out.add(w);
    for (int n = MIN_PREFIX; n < w.length(); n++) {
      out.add(w.substring(0, n));
    }
  }

  static String singular(String w) {
    if (w.length() > 3 && (w.endsWith("s") && !w.endsWith("ss") || w.endsWith("eaux"))) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  private static Map<String, List<String>> synonyms() {
    Map<String, List<String>> out = new java.util.HashMap<>();
    PAIRS.forEach((fr, en) -> {
      List<String> f = words(fr);
      List<String> e = words(en);
      f.forEach(x -> out.computeIfAbsent(x, k -> new ArrayList<>()).addAll(e));
      e.forEach(x -> out.computeIfAbsent(x, k -> new ArrayList<>()).addAll(f));
    });
    return out;
  }
}
