package cm.reeyo.launcher;

/** A configuration the launcher refuses to start with. The message says what to fix. */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
