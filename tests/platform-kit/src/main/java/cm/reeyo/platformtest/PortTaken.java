package cm.reeyo.platformtest;

import java.net.BindException;

/** Whether a deployment failed because its port was taken between finding it free and binding it. */
final class PortTaken {

  private PortTaken() {
  }

  static boolean by(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }
}
