// `?freeze=1`: freeze Object.prototype before the app loads, as Tauri does for this window
// (`freezePrototype` in src-tauri/tauri.conf.json), to check that nothing the app runs writes
// to built-in prototypes. Imported first by the mock entry, so it runs before the app's modules.
if (new URLSearchParams(window.location.search).get('freeze') === '1') {
  Object.freeze(Object.prototype);
}
export {};
