// Styles only (plugin.css); Tasklist loads a plugin's script too, so it exports no plugin points.
export default [];
