package cm.reeyo.storage.search;

import cm.reeyo.storage.CoreTables;
import cm.reeyo.storage.Dynamo;

/**
 * Redis names of one vendors table's search index. Same hash tag as the geo index ({@code {<table>}}), so the nearby
 * walk's script reads both in one slot, and deployments with other table prefixes never share an index.
 */
public final class SearchKeys {

  /** Completion marker: present only once a rebuild finished. */
  public final String ready;
  /** Vendors changed while no marker was present; re-read before the marker is set. */
  public final String dirty;
  /** Lock of the instance rebuilding the index. */
  public final String building;
  /** Hash vendorId → when the read applied last began (a read begun earlier is ignored). */
  public final String versions;
  /** Prefix of a vendor's term set (SET of every term its name, cuisine, description and menu are found by). */
  public final String termsPrefix;
  /** Prefix of a vendor's searchable menu (JSON array of its available items). */
  public final String menuPrefix;

  public SearchKeys(String vendorsTable) {
    String tag = "{" + vendorsTable + "}";
    this.ready = tag + ":search:ready";
    this.dirty = tag + ":search:dirty";
    this.building = tag + ":search:building";
    this.versions = tag + ":search:versions";
    this.termsPrefix = tag + ":search:terms:";
    this.menuPrefix = tag + ":search:menu:";
  }

  public static SearchKeys of(Dynamo dynamo) {
    return new SearchKeys(dynamo.table(CoreTables.VENDORS));
  }

  public String terms(String vendorId) {
    return termsPrefix + vendorId;
  }

  public String menu(String vendorId) {
    return menuPrefix + vendorId;
  }
}
