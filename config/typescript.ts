// Content-type typings are not generated into the repository: the plugin's code is typed by its own
// contracts, so the typecheck gives the same answer on a fresh clone as on a developer's machine.
export default () => ({
  autogenerate: false,
});
