/** The widget (loader and chat app) arrives with the live chat issue; the package exists so the workspace is complete. */
export const WIDGET_PROTOCOL_VERSION = 1;
