// The app's own paths that more than one module names, kept apart from auth.ts so that naming one does not load the
// sign-in library (a guest's page never needs it).
export const callbackPath = "/auth/callback";
