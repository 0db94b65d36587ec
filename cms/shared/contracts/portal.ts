/** The member portal's settings, as staff edit them (GET/PUT /mentorship/portal-settings). */
export interface PortalLink {
  label: string;
  url: string;
}

export interface PortalSettingsBody {
  associationName: string;
  /** an https:// (or site-relative) address of the logo image, or empty for none */
  logoUrl: string;
  logoAlt: string;
  /** #rrggbb */
  primaryColour: string;
  accentColour: string;
  headerLinks: PortalLink[];
  footerLinks: PortalLink[];
}

export interface PortalSettingsResponse {
  data: PortalSettingsBody;
  meta: {
    portalUrl: string;
    /** the templates a host app may override (relative names under portal-views) */
    templates: string[];
    /** WCAG contrast of each colour against white (4.5 or more reads well as text and buttons) */
    contrast: { primaryOnWhite: number; accentOnWhite: number };
  };
}
