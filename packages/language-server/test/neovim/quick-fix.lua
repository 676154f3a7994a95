-- Drives resilint-language-server from Neovim's built-in LSP client, headless, as a user would: open a file, wait for
-- the diagnostics, pick the first code action, write the file. Runs on Neovim 0.7 (Debian 12's) and later, so it
-- uses only APIs from 0.7 on (vim.lsp.start_client, vim.lsp.buf.code_action with vim.ui.select).
--   RESILINT_PROJECT  the project folder (its root is the workspace folder)
--   RESILINT_FILE     the file to open, relative to it
--   RESILINT_RESULT   where to write what happened, as JSON
local project = assert(os.getenv('RESILINT_PROJECT'))
local file = project .. '/' .. assert(os.getenv('RESILINT_FILE'))
local result = { nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch }
local TIMEOUT = 30000

local function diagnostics(bufnr)
  return vim.tbl_map(function(diagnostic)
    return { lnum = diagnostic.lnum, col = diagnostic.col, source = diagnostic.source, code = diagnostic.code, message = diagnostic.message }
  end, vim.diagnostic.get(bufnr))
end

local function wait_for(what, condition)
  if not vim.wait(TIMEOUT, condition, 20) then error('timed out waiting for ' .. what) end
end

local function run()
  local client_id = vim.lsp.start_client({
    name = 'resilint',
    cmd = { 'resilint-language-server', '--stdio' },
    root_dir = project,
    -- No `settings`: Neovim then answers workspace/configuration with null, and the server uses its defaults.
    on_exit = function(code) result.server_exit_code = code end,
  })
  assert(client_id, 'the client did not start')
  local started = vim.loop.hrtime()

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'typescript'
  vim.lsp.buf_attach_client(bufnr, client_id)
  wait_for('the first diagnostics', function() return #vim.diagnostic.get(bufnr) > 0 end)
  result.first_diagnostics_ms = (vim.loop.hrtime() - started) / 1e6
  result.before = diagnostics(bufnr)

  local client = vim.lsp.get_client_by_id(client_id)
  local lint = client.request_sync('workspace/executeCommand', { command = 'resilint.lintWorkspace', arguments = {} }, TIMEOUT, bufnr)
  result.lint_workspace = lint and (lint.result or lint.err)

  -- The user puts the cursor on the finding and picks the first action offered.
  vim.api.nvim_win_set_cursor(0, { result.before[1].lnum + 1, result.before[1].col })
  local text_before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  vim.ui.select = function(items, _, on_choice)
    result.offered = vim.tbl_map(function(item) return (item.action or item[2]).title end, items)
    on_choice(items[1], 1)
  end
  vim.lsp.buf.code_action()
  wait_for('the quick-fix to change the buffer', function()
    return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') ~= text_before
  end)
  vim.cmd('write')
  wait_for('the diagnostics to clear', function() return #vim.diagnostic.get(bufnr) == 0 end)
  result.after = diagnostics(bufnr)

  vim.lsp.stop_client(client_id)
  wait_for('the server to exit', function() return result.server_exit_code ~= nil end)
end

local ok, failure = xpcall(run, debug.traceback)
if not ok then result.error = failure end
vim.fn.writefile({ vim.fn.json_encode(result) }, assert(os.getenv('RESILINT_RESULT')))
vim.cmd('qall!')
