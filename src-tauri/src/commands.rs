//! One Tauri command per entry of the IPC command list, each delegating to [`Api`].

use std::sync::Arc;

use passerelle_ipc::*;

macro_rules! adapters {
    ($($name:ident: $req:ident => $res:ident),* $(,)?) => {
        $(
            #[tauri::command]
            #[tracing::instrument(skip_all, err(Display))]
            async fn $name(api: tauri::State<'_, Arc<Api>>, req: $req) -> Result<$res, IpcError> {
                api.$name(req).await
            }
        )*

        /// The invoke handler that routes every command of the list.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

passerelle_ipc::with_commands!(adapters);
