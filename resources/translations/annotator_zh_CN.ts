<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <source>Change</source>
        <translation>更改</translation>
    </message>
</context>
<context>
    <name>AnnotationTableModel</name>
    <message>
        <source>Passage</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注者</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Judgment Annotator</source>
        <translation>裁判文书标注工具</translation>
    </message>
    <message>
        <source>Your name as annotator (it is saved with every tag you make):</source>
        <translation>您的标注者姓名（会随每条标注一起保存）：</translation>
    </message>
    <message>
        <source>{error}

The sample project opens instead.</source>
        <translation>{error}

将改为打开示例项目。</translation>
    </message>
</context>
<context>
    <name>BatchSuggestDialog</name>
    <message>
        <source>Suggest tags in documents</source>
        <translation>在文书中建议标注</translation>
    </message>
    <message>
        <source>Documents: metadata filters, e.g. court~互联网 year&gt;=2019 (empty: all)</source>
        <translation>文书：元数据条件，例如 court~互联网 year&gt;=2019（留空：全部）</translation>
    </message>
    <message>
        <source>All categories with suggestions on</source>
        <translation>所有已开启建议的类别</translation>
    </message>
    <message>
        <source>each category&apos;s threshold</source>
        <translation>各类别的阈值</translation>
    </message>
    <message>
        <source>Find suggestions</source>
        <translation>查找建议</translation>
    </message>
    <message>
        <source>Lowest score</source>
        <translation>最低分数</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Suggestions are learnt on this computer from the project&apos;s tags; nothing is sent anywhere.</source>
        <translation>建议在本机上从本项目的标注中学习得出；不会向任何地方发送任何内容。</translation>
    </message>
    <message>
        <source>Check all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Check none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Accept checked</source>
        <translation>采纳所选</translation>
    </message>
    <message>
        <source>Reject checked</source>
        <translation>拒绝所选</translation>
    </message>
    <message>
        <source>Learning from the tags and reading the documents…</source>
        <translation>正在从标注中学习并读取文书…</translation>
    </message>
    <message>
        <source>No category suggests yet: a category needs {n} tags, or switch it on in Tools → Suggestion settings.</source>
        <translation>尚无类别给出建议：类别需要 {n} 条标注，或在“工具 → 建议设置”中开启。</translation>
    </message>
    <message>
        <source>{n} suggestions in {d} documents.</source>
        <translation>{d} 份文书中有 {n} 条建议。</translation>
    </message>
    <message>
        <source>{n} tags added (Ctrl+Z undoes them).</source>
        <translation>已添加 {n} 条标注（Ctrl+Z 可撤销）。</translation>
    </message>
    <message>
        <source>{n} suggestions rejected; they are remembered and learnt from.</source>
        <translation>已拒绝 {n} 条建议；已记住，并将据此学习。</translation>
    </message>
</context>
<context>
    <name>CategoryForm</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>When to use this category, with an example</source>
        <translation>何时使用此类别，并附示例</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>保存规则</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Coding rule</source>
        <translation>编码规则</translation>
    </message>
</context>
<context>
    <name>CodebookEditor</name>
    <message>
        <source>Codebook editor</source>
        <translation>编码本编辑器</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文名</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>This document</source>
        <translation>本文书</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Show archived categories</source>
        <translation>显示已归档的类别</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add a category at the top level</source>
        <translation>在顶层添加类别</translation>
    </message>
    <message>
        <source>Add subcategory</source>
        <translation>添加子类别</translation>
    </message>
    <message>
        <source>Add a category inside the selected one</source>
        <translation>在所选类别下添加子类别</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move the category before its previous sibling</source>
        <translation>把类别移到上一个同级类别之前</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the category after its next sibling</source>
        <translation>把类别移到下一个同级类别之后</translation>
    </message>
    <message>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>Move all tags of this category to another and remove it</source>
        <translation>把此类别的所有标注移到另一类别，并删除此类别</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Hide the category from tagging; its tags are kept</source>
        <translation>在标注时隐藏此类别；已有标注保留</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the category; its tags are removed (undo restores them)</source>
        <translation>删除类别；其标注一并移除（撤销可恢复）</translation>
    </message>
    <message>
        <source>{name} (archived)</source>
        <translation>{name}（已归档）</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>取消归档</translation>
    </message>
    <message>
        <source>New category</source>
        <translation>新类别</translation>
    </message>
    <message>
        <source>Merge “{name}” into which category? Its tags move there.</source>
        <translation>将“{name}”合并到哪个类别？其标注将移到那里。</translation>
    </message>
    <message>
        <source>“{name}” has {n} tags in this project. Deleting it removes them too (Undo brings them back). Delete it?</source>
        <translation>“{name}”在本项目中有 {n} 条标注。删除类别会一并移除这些标注（撤销可恢复）。确定删除吗？</translation>
    </message>
    <message>
        <source>Delete category</source>
        <translation>删除类别</translation>
    </message>
    <message>
        <source>Merge categories</source>
        <translation>合并类别</translation>
    </message>
    <message>
        <source>Category colour</source>
        <translation>类别颜色</translation>
    </message>
    <message>
        <source>&amp;Edit codebook…</source>
        <translation>编辑编码本(&amp;E)…</translation>
    </message>
</context>
<context>
    <name>CodebookModel</name>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标注数</translation>
    </message>
</context>
<context>
    <name>ComparePanel</name>
    <message>
        <source>agree</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>different extent</source>
        <translation>范围不同</translation>
    </message>
    <message>
        <source>different category</source>
        <translation>类别不同</translation>
    </message>
    <message>
        <source>only A</source>
        <translation>仅 A</translation>
    </message>
    <message>
        <source>only B</source>
        <translation>仅 B</translation>
    </message>
    <message>
        <source>Annotator A</source>
        <translation>标注者 A</translation>
    </message>
    <message>
        <source>Annotator B</source>
        <translation>标注者 B</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 字</translation>
    </message>
    <message>
        <source>Same extent within</source>
        <translation>视为相同范围的容差</translation>
    </message>
    <message>
        <source>Same words count as the same extent</source>
        <translation>覆盖相同词语即视为相同范围</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>Settled</source>
        <translation>已裁决</translation>
    </message>
    <message>
        <source>Passage</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>Memo of A</source>
        <translation>A 的备注</translation>
    </message>
    <message>
        <source>Memo of B</source>
        <translation>B 的备注</translation>
    </message>
    <message>
        <source>◀ Previous disagreement</source>
        <translation>◀ 上一处分歧</translation>
    </message>
    <message>
        <source>Next disagreement ▶</source>
        <translation>下一处分歧 ▶</translation>
    </message>
    <message>
        <source>Accept all &amp;agreements</source>
        <translation>采纳全部一致项(&amp;A)</translation>
    </message>
    <message>
        <source>Choose two different annotators.</source>
        <translation>请选择两位不同的标注者。</translation>
    </message>
    <message>
        <source>No disagreements left on this document.</source>
        <translation>本文书已无分歧。</translation>
    </message>
    <message>
        <source>Choose a row of the comparison first.</source>
        <translation>请先在比较结果中选择一行。</translation>
    </message>
    <message>
        <source>Select the agreed passage in the text first.</source>
        <translation>请先在正文中选中商定的段落。</translation>
    </message>
    <message>
        <source>{n} agreed passages accepted</source>
        <translation>已采纳 {n} 个一致段落</translation>
    </message>
</context>
<context>
    <name>ConfirmColleague</name>
    <message>
        <source>A copy shared with you</source>
        <translation>同事共享给您的副本</translation>
    </message>
    <message>
        <source>{by} shared this copy of a project for {name} on {when}.
Your tags in it will carry the name below; please confirm it.</source>
        <translation>{by} 于 {when} 把此项目副本共享给 {name}。
您在其中所做的标注将署下面的姓名，请确认。</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>确认(&amp;C)</translation>
    </message>
    <message>
        <source>You tag as {name} in this copy.</source>
        <translation>您在此副本中以 {name} 的身份标注。</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to team project</source>
        <translation>连接团队项目</translation>
    </message>
    <message>
        <source>(new connection)</source>
        <translation>（新连接）</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>empty: from ~/.pgpass or the service file</source>
        <translation>留空：从 ~/.pgpass 或服务文件读取</translation>
    </message>
    <message>
        <source>Remember the password in ~/.pgpass (libpq&apos;s password file)</source>
        <translation>将密码保存在 ~/.pgpass（libpq 的密码文件）中</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Encryption (sslmode)</source>
        <translation>加密（sslmode）</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Use verify-full with a server certificate your IT department signed (its CA in ~/.postgresql/root.crt); the password is never saved in the settings.</source>
        <translation>服务器证书由信息部门签发时请选择 verify-full（其根证书放在 ~/.postgresql/root.crt）；密码从不保存在设置中。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
</context>
<context>
    <name>CorrectedVersion</name>
    <message>
        <source>Import corrected version</source>
        <translation>导入更正版本</translation>
    </message>
    <message>
        <source>Documents ({patterns})</source>
        <translation>文书（{patterns}）</translation>
    </message>
    <message>
        <source>The new text would leave {n} of {total} tags of this document unplaced (they would be removed and flagged for review). Is it the right file? Replace the text anyway?</source>
        <translation>新文本会使本文书 {total} 个标注中的 {n} 个无法定位（这些标注将被移除并标记待复核）。文件选对了吗？仍要替换文本吗？</translation>
    </message>
</context>
<context>
    <name>CurationView</name>
    <message>
        <source>Curation</source>
        <translation>审定视图</translation>
    </message>
    <message>
        <source>A:</source>
        <translation>A：</translation>
    </message>
    <message>
        <source>B:</source>
        <translation>B：</translation>
    </message>
    <message>
        <source> characters</source>
        <translation>字</translation>
    </message>
    <message>
        <source>Same extent within this many characters</source>
        <translation>相差不超过这么多字即视为相同范围</translation>
    </message>
    <message>
        <source>◀ Previous (Shift+F9)</source>
        <translation>◀ 上一处（Shift+F9）</translation>
    </message>
    <message>
        <source>Next (F9) ▶</source>
        <translation>下一处（F9）▶</translation>
    </message>
    <message>
        <source>Accept all &amp;agreements</source>
        <translation>采纳全部一致项(&amp;A)</translation>
    </message>
    <message>
        <source>Next disagreement</source>
        <translation>下一处分歧</translation>
    </message>
    <message>
        <source>Previous disagreement</source>
        <translation>上一处分歧</translation>
    </message>
    <message>
        <source>Choose two different annotators.</source>
        <translation>请选择两位不同的标注者。</translation>
    </message>
    <message>
        <source>{side}: {name}</source>
        <translation>{side}：{name}</translation>
    </message>
    <message>
        <source>{n} disagreements, {open} open; {agree} passages agree.</source>
        <translation>{n} 处分歧，{open} 处未裁决；{agree} 处一致。</translation>
    </message>
    <message>
        <source>Current: {kind} at {start}–{end}{settled}</source>
        <translation>当前：{kind}，位于 {start}–{end}{settled}</translation>
    </message>
    <message>
        <source> (settled)</source>
        <translation>（已裁决）</translation>
    </message>
    <message>
        <source>different extent</source>
        <translation>范围不同</translation>
    </message>
    <message>
        <source>different category</source>
        <translation>类别不同</translation>
    </message>
    <message>
        <source>only A</source>
        <translation>仅 A</translation>
    </message>
    <message>
        <source>only B</source>
        <translation>仅 B</translation>
    </message>
    <message>
        <source>agree</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>No open disagreements left on this document.</source>
        <translation>本文书已无未裁决的分歧。</translation>
    </message>
    <message>
        <source>Click a marked passage or press F9 first.</source>
        <translation>请先点击标出的段落，或按 F9。</translation>
    </message>
</context>
<context>
    <name>Decisions</name>
    <message>
        <source>Accept &amp;A</source>
        <translation>采纳 A(&amp;A)</translation>
    </message>
    <message>
        <source>Accept &amp;B</source>
        <translation>采纳 B(&amp;B)</translation>
    </message>
    <message>
        <source>Accept b&amp;oth</source>
        <translation>两者都采纳(&amp;O)</translation>
    </message>
    <message>
        <source>Accept &amp;selection</source>
        <translation>采纳选区(&amp;S)</translation>
    </message>
    <message>
        <source>Re&amp;ject</source>
        <translation>驳回(&amp;J)</translation>
    </message>
</context>
<context>
    <name>DocumentPanel</name>
    <message>
        <source>All documents</source>
        <translation>全部文书</translation>
    </message>
    <message>
        <source>Document &amp;properties…</source>
        <translation>文书属性(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Remove document…</source>
        <translation>移除文书(&amp;R)…</translation>
    </message>
    <message>
        <source>Mark as: {status}</source>
        <translation>标记为：{status}</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Remove “{title}” from the project? Its {n} tags stay in the file&apos;s history, and Undo (Ctrl+Z) brings the document back.</source>
        <translation>从项目中移除“{title}”？其 {n} 条标注仍保留在文件的历史记录中，撤销 (Ctrl+Z) 可恢复该文书。</translation>
    </message>
    <message>
        <source>Remove document</source>
        <translation>移除文书</translation>
    </message>
</context>
<context>
    <name>DocumentPropertiesDialog</name>
    <message>
        <source>Document properties</source>
        <translation>文书属性</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>Source file</source>
        <translation>来源文件</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>添加字段</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>删除字段</translation>
    </message>
    <message>
        <source>Metadata (case number, court, date, …)</source>
        <translation>元数据（案号、法院、日期……）</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>My tags</source>
        <translation>我的标注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <source>&amp;Boundaries</source>
        <translation>边界(&amp;B)</translation>
    </message>
    <message>
        <source>End: one word further</source>
        <translation>终点：前进一个词</translation>
    </message>
    <message>
        <source>End: one word back</source>
        <translation>终点：后退一个词</translation>
    </message>
    <message>
        <source>Start: one word earlier</source>
        <translation>起点：前移一个词</translation>
    </message>
    <message>
        <source>Start: one word later</source>
        <translation>起点：后移一个词</translation>
    </message>
    <message>
        <source>End: one character further</source>
        <translation>终点：前进一个字</translation>
    </message>
    <message>
        <source>End: one character back</source>
        <translation>终点：后退一个字</translation>
    </message>
    <message>
        <source>Start: one character earlier</source>
        <translation>起点：前移一个字</translation>
    </message>
    <message>
        <source>Start: one character later</source>
        <translation>起点：后移一个字</translation>
    </message>
    <message>
        <source>Select the word at the caret</source>
        <translation>选中光标处的词语</translation>
    </message>
    <message>
        <source>Grow to the sentence</source>
        <translation>扩展到整句</translation>
    </message>
    <message>
        <source>Drop the last sentence</source>
        <translation>去掉最后一句</translation>
    </message>
    <message>
        <source>Set tag e&amp;xtent to selection</source>
        <translation>将标注范围设为选区(&amp;X)</translation>
    </message>
    <message>
        <source>S&amp;plit tag at caret</source>
        <translation>在光标处拆分标注(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Join with next tag of its category</source>
        <translation>与同类别的下一条标注连接(&amp;J)</translation>
    </message>
    <message>
        <source>Join with pre&amp;vious tag of its category</source>
        <translation>与同类别的上一条标注连接(&amp;V)</translation>
    </message>
    <message>
        <source>Edit &amp;memo</source>
        <translation>编辑备注(&amp;M)</translation>
    </message>
    <message>
        <source>Ne&amp;xt tag</source>
        <translation>下一条标注(&amp;X)</translation>
    </message>
    <message>
        <source>Pre&amp;vious tag</source>
        <translation>上一条标注(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Snap selection to words</source>
        <translation>选区吸附到词语边界(&amp;S)</translation>
    </message>
    <message>
        <source>A selection made with the mouse grows to whole words when you let go</source>
        <translation>松开鼠标时，选区扩展到完整的词语</translation>
    </message>
</context>
<context>
    <name>Editing</name>
    <message>
        <source>The tag already has this category.</source>
        <translation>该标注已是此类别。</translation>
    </message>
    <message>
        <source>Click a tag first; Alt and a category&apos;s key tag its passage again.</source>
        <translation>请先点击一条标注；按 Alt 加类别快捷键可为其段落再加一个类别。</translation>
    </message>
    <message>
        <source>Click a tag, select its new passage, then set its extent.</source>
        <translation>点击一条标注，选中新的段落，再设置其范围。</translation>
    </message>
    <message>
        <source>Click a tag first, then put the caret where it should be split.</source>
        <translation>请先点击一条标注，再把光标放在要拆分的位置。</translation>
    </message>
    <message>
        <source>The split point must lie inside the tag.</source>
        <translation>拆分点必须位于标注之内。</translation>
    </message>
    <message>
        <source>Click a tag first.</source>
        <translation>请先点击一条标注。</translation>
    </message>
    <message>
        <source>No other tag of this category to merge with.</source>
        <translation>没有可合并的同类别标注。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export annotations</source>
        <translation>导出标注</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Only my tags</source>
        <translation>只含我的标注</translation>
    </message>
    <message>
        <source>Include memos</source>
        <translation>包含备注</translation>
    </message>
    <message>
        <source>A -DOCSTART- line before each document (CoNLL-2003 style)</source>
        <translation>每篇文档前加 -DOCSTART- 行（CoNLL-2003 格式）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>One line per word (jieba), not per character</source>
        <translation>每行一个词（jieba 分词），而非每行一个字</translation>
    </message>
    <message>
        <source>Include the documents&apos; full text</source>
        <translation>包含文书全文</translation>
    </message>
    <message>
        <source>Only the open document</source>
        <translation>只含当前打开的文书</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
</context>
<context>
    <name>ExternalChanges</name>
    <message>
        <source>no backup could be made ({error})</source>
        <translation>未能制作备份（{error}）</translation>
    </message>
    <message>
        <source>Project file removed</source>
        <translation>项目文件被删除</translation>
    </message>
    <message>
        <source>The file {name} of the open project was deleted or replaced by another program. What was saved since the project was opened could be lost when it is closed. A backup holding everything saved so far was made: {backup}. Restore it now (File → Restore from backup…). Never delete the -wal and -shm files of an open project.</source>
        <translation>打开中的项目文件 {name} 被其他程序删除或替换。自打开项目以来保存的内容在关闭时可能丢失。已制作一份包含目前所有已保存内容的备份：{backup}。请立即恢复它（文件 → 从备份恢复…）。切勿删除已打开项目的 -wal 和 -shm 文件。</translation>
    </message>
    <message>
        <source>Updated with changes saved by another window or program.</source>
        <translation>已载入其他窗口或程序保存的更改。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in document</source>
        <translation>在文书中查找</translation>
    </message>
    <message>
        <source>Previous hit (Shift+F3)</source>
        <translation>上一处 (Shift+F3)</translation>
    </message>
    <message>
        <source>Next hit (F3)</source>
        <translation>下一处 (F3)</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>“{key}” went into the search box. To tag the hit, press Enter, then the key.</source>
        <translation>“{key}”输入到了查找框中。要标注命中处，请先按回车，再按类别键。</translation>
    </message>
    <message>
        <source>Enter: go to the hit, then a category key tags it</source>
        <translation>回车：转到命中处，再按类别键即可标注</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>{i} of {n}</source>
        <translation>第 {i} 处，共 {n} 处</translation>
    </message>
</context>
<context>
    <name>FlaggedDialog</name>
    <message>
        <source>Tags to review after a corrected text</source>
        <translation>更正文本后待核对的标注</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Mark reviewed</source>
        <translation>标记为已核对</translation>
    </message>
    <message>
        <source>approximate (similarity {s:.2f})</source>
        <translation>近似定位（相似度 {s:.2f}）</translation>
    </message>
    <message>
        <source>not placed, removed</source>
        <translation>未能定位，已移除</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>brat standoff (zip of .txt + .ann)</source>
        <translation>brat 标注（.txt + .ann 的 zip 包）</translation>
    </message>
    <message>
        <source>CoNLL BIO (per character, or per jieba word)</source>
        <translation>CoNLL BIO（按字，或按 jieba 词）</translation>
    </message>
    <message>
        <source>CSV table (Excel)</source>
        <translation>CSV 表格（Excel）</translation>
    </message>
    <message>
        <source>HTML report (printable)</source>
        <translation>HTML 报告（可打印）</translation>
    </message>
    <message>
        <source>JSON bundle</source>
        <translation>JSON 数据包</translation>
    </message>
    <message>
        <source>doccano JSONL</source>
        <translation>doccano JSONL</translation>
    </message>
    <message>
        <source>Label Studio tasks (JSON)</source>
        <translation>Label Studio 任务（JSON）</translation>
    </message>
    <message>
        <source>Label Studio labelling config (XML)</source>
        <translation>Label Studio 标注界面配置（XML）</translation>
    </message>
    <message>
        <source>UIMA CAS XMI (INCEpTION, zip with the type system)</source>
        <translation>UIMA CAS XMI（INCEpTION，含类型系统的 zip）</translation>
    </message>
    <message>
        <source>WebAnno TSV 3.3 (INCEpTION, zip of .tsv)</source>
        <translation>WebAnno TSV 3.3（INCEpTION，.tsv 的 zip）</translation>
    </message>
    <message>
        <source>REFI-QDA codebook</source>
        <translation>REFI-QDA 编码本</translation>
    </message>
    <message>
        <source>REFI-QDA project (NVivo, ATLAS.ti, MAXQDA)</source>
        <translation>REFI-QDA 项目（NVivo、ATLAS.ti、MAXQDA）</translation>
    </message>
    <message>
        <source>W3C Web Annotation (JSON-LD)</source>
        <translation>W3C Web 标注（JSON-LD）</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
</context>
<context>
    <name>ImportAnnotations</name>
    <message>
        <source>Imported {n} tags ({d} new documents).</source>
        <translation>已导入 {n} 条标注（新文书 {d} 份）。</translation>
    </message>
    <message>
        <source>Import &amp;annotations…</source>
        <translation>导入标注(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>SearchIndexing</name>
    <message>
        <source>Indexing imported documents for search: {n} left</source>
        <translation>正在为检索建立导入文书的索引：还剩 {n} 份</translation>
    </message>
</context>
<context>
    <name>ImportAnnotationsDialog</name>
    <message>
        <source>Import annotations</source>
        <translation>导入标注</translation>
    </message>
    <message>
        <source>A .qdpx, .jsonl (doccano), .ann or brat .zip, Label Studio .json, INCEpTION .xmi/.tsv or their .zip, or .qdc file</source>
        <translation>.qdpx、.jsonl（doccano）、.ann 或 brat .zip、Label Studio .json、INCEpTION .xmi/.tsv 或其 .zip，或 .qdc 文件</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Text field</source>
        <translation>正文字段</translation>
    </message>
    <message>
        <source>Label field</source>
        <translation>标注字段</translation>
    </message>
    <message>
        <source>one tag per fragment</source>
        <translation>每个片段一个标注</translation>
    </message>
    <message>
        <source>one tag over the whole extent (words between included)</source>
        <translation>整个范围一个标注（含片段之间的文字）</translation>
    </message>
    <message>
        <source>Discontinuous spans:</source>
        <translation>不连续片段：</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Annotation files ({patterns});;All files (*)</source>
        <translation>标注文件 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>This file cannot be imported.</source>
        <translation>此文件无法导入。</translation>
    </message>
    <message>
        <source>{fmt}: {new} tags to add, {known} already in the project; {docs} new documents, {cats} new categories.</source>
        <translation>{fmt}：待添加 {new} 条标注，{known} 条已在项目中；新文书 {docs} 份，新类别 {cats} 个。</translation>
    </message>
    <message>
        <source>New documents: {names}</source>
        <translation>新文书：{names}</translation>
    </message>
    <message>
        <source>New categories from the file: {names}</source>
        <translation>文件中的新类别：{names}</translation>
    </message>
    <message>
        <source>Categories not in the codebook: {names}</source>
        <translation>编码本中没有的类别：{names}</translation>
    </message>
    <message>
        <source>Problem: {p}</source>
        <translation>问题：{p}</translation>
    </message>
    <message>
        <source>Note: {n}</source>
        <translation>提示：{n}</translation>
    </message>
    <message>
        <source>Add the {n} categories the codebook does not have</source>
        <translation>添加编码本中没有的 {n} 个类别</translation>
    </message>
    <message>
        <source>Import the rest, leaving out the {n} tags with problems</source>
        <translation>导入其余部分，跳过 {n} 条有问题的标注</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import documents</source>
        <translation>导入文书</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Repair broken lines (join sentences split by stray line breaks)</source>
        <translation>修复断行（连接被多余换行拆开的句子）</translation>
    </message>
    <message>
        <source>Put paragraph breaks into judgments that came as one line</source>
        <translation>为整篇只有一行的裁判文书分段</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cannot import: {error}</source>
        <translation>无法导入：{error}</translation>
    </message>
    <message>
        <source>“{title}”: {n:,} characters, {fmt}{enc}; {k} broken line(s) found.</source>
        <translation>“{title}”：{n:,} 字，{fmt}{enc}；发现 {k} 处断行。</translation>
    </message>
    <message>
        <source>It came as one line: {n} paragraph break(s) will be put in.</source>
        <translation>该文本只有一行：将插入 {n} 处分段。</translation>
    </message>
    <message>
        <source>Ticked breaks will be joined; untick one to keep it.</source>
        <translation>勾选的换行将被合并；取消勾选即保留该换行。</translation>
    </message>
    <message>
        <source>Nothing will be joined (repair is off).</source>
        <translation>不合并任何换行（修复已关闭）。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Some files were not imported</source>
        <translation>部分文件未导入</translation>
    </message>
</context>
<context>
    <name>KwicModel</name>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Left context</source>
        <translation>左侧上下文</translation>
    </message>
    <message>
        <source>Hit</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>Right context</source>
        <translation>右侧上下文</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>法院</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>The new language is used from the next start of Judgment Annotator.
界面语言将在下次启动时切换。</source>
        <translation>界面语言将在下次启动裁判文书标注工具时切换。
The new language is used from the next start.</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>立即重启</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
</context>
<context>
    <name>LegalWordsDialog</name>
    <message>
        <source>Legal words</source>
        <translation>法律词语</translation>
    </message>
    <message>
        <source>Words of this project that word selection, search and statistics keep whole. The statutes, charges, causes of action and procedural terms of the reference lists are always included.</source>
        <translation>本项目的专用词语：选词、检索和统计时保持完整。参考清单中的法律法规名称、罪名、案由和程序用语始终包含在内。</translation>
    </message>
    <message>
        <source>A word, e.g. 群控软件</source>
        <translation>输入词语，例如 群控软件</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Import a list…</source>
        <translation>导入词表…</translation>
    </message>
    <message>
        <source>Suggest terms from the documents</source>
        <translation>从文书中发现候选词</translation>
    </message>
    <message>
        <source>Add ticked terms</source>
        <translation>添加勾选的词语</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>added</source>
        <translation>手动添加</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>候选采纳</translation>
    </message>
    <message>
        <source>Not changed: {error}</source>
        <translation>未更改：{error}</translation>
    </message>
    <message>
        <source>Added: {words}</source>
        <translation>已添加：{words}</translation>
    </message>
    <message>
        <source>“{word}” is already in the list.</source>
        <translation>“{word}”已在词表中。</translation>
    </message>
    <message>
        <source>Select the words to remove first.</source>
        <translation>请先选择要删除的词语。</translation>
    </message>
    <message>
        <source>Removed: {words}</source>
        <translation>已删除：{words}</translation>
    </message>
    <message>
        <source>Import a word list</source>
        <translation>导入词表</translation>
    </message>
    <message>
        <source>Word lists (*.txt *.dic *.tsv);;All files (*)</source>
        <translation>词表 (*.txt *.dic *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{n} new word(s) imported.</source>
        <translation>已导入 {n} 个新词。</translation>
    </message>
    <message>
        <source>Reading the documents…</source>
        <translation>正在读取文书…</translation>
    </message>
    <message>
        <source>{term}    {n}×, jieba: {split}</source>
        <translation>{term}    {n} 次，jieba 切分：{split}</translation>
    </message>
    <message>
        <source>{n} term(s) that jieba splits; tick those to keep whole.</source>
        <translation>{n} 个词会被 jieba 切开；勾选需要保持完整的词。</translation>
    </message>
    <message>
        <source>No new terms found in the documents.</source>
        <translation>文书中未发现新的候选词。</translation>
    </message>
    <message>
        <source>Tick the terms to add first.</source>
        <translation>请先勾选要添加的词语。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{name} — Judgment Annotator</source>
        <translation>{name} — 裁判文书标注工具</translation>
    </message>
    <message>
        <source>{name} (read-only) — Judgment Annotator</source>
        <translation>{name}（只读）— 裁判文书标注工具</translation>
    </message>
    <message>
        <source>This project file is read-only: you can read, search and export, but not change it.</source>
        <translation>此项目文件为只读：可以阅读、检索和导出，但不能修改。</translation>
    </message>
    <message>
        <source>No documents yet: File → Import documents (Ctrl+I).</source>
        <translation>尚无文书：文件 → 导入文书 (Ctrl+I)。</translation>
    </message>
    <message>
        <source>{title}: {n:,} characters, {k} tags</source>
        <translation>{title}：{n:,} 字，{k} 条标注</translation>
    </message>
    <message>
        <source>No category has the key {key}.</source>
        <translation>没有类别使用快捷键 {key}。</translation>
    </message>
    <message>
        <source>Select a passage first, then press a category&apos;s key.</source>
        <translation>请先选中一段文字，再按类别的快捷键。</translation>
    </message>
    <message>
        <source>Tagged “{text}” as {cat}</source>
        <translation>已将“{text}”标注为 {cat}</translation>
    </message>
    <message>
        <source>Click a tag first to delete it.</source>
        <translation>请先点击要删除的标注。</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Projects (*.sqlite)</source>
        <translation>项目 (*.sqlite)</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Projects (*.sqlite);;All files (*)</source>
        <translation>项目 (*.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import codebook</source>
        <translation>导入编码本</translation>
    </message>
    <message>
        <source>Codebooks (*.json)</source>
        <translation>编码本 (*.json)</translation>
    </message>
    <message>
        <source>{n} categories added.</source>
        <translation>已添加 {n} 个类别。</translation>
    </message>
    <message>
        <source>Export codebook</source>
        <translation>导出编码本</translation>
    </message>
    <message>
        <source>Judgment Annotator</source>
        <translation>裁判文书标注工具</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge {name}</source>
        <translation>合并 {name}</translation>
    </message>
    <message>
        <source>Categories in the file → categories here:</source>
        <translation>文件中的类别 → 本项目的类别：</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>文件中</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>本项目</translation>
    </message>
    <message>
        <source>Tags changed on both sides — ours and theirs side by side:</source>
        <translation>双方都改动过的标注——本方与对方并排对照：</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Ours (here)</source>
        <translation>本方（本项目）</translation>
    </message>
    <message>
        <source>Theirs (in the file)</source>
        <translation>对方（文件中）</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>For all conflicts:</source>
        <translation>全部冲突：</translation>
    </message>
    <message>
        <source>Keep &amp;ours</source>
        <translation>保留本方(&amp;O)</translation>
    </message>
    <message>
        <source>Take &amp;theirs</source>
        <translation>采用对方(&amp;T)</translation>
    </message>
    <message>
        <source>Keep &amp;both</source>
        <translation>两者都保留(&amp;B)</translation>
    </message>
    <message>
        <source>Conflicts and tags that cannot be placed:</source>
        <translation>冲突及无法定位的标注：</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>合并(&amp;M)</translation>
    </message>
    <message>
        <source>Cannot merge</source>
        <translation>无法合并</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>[{start}, {end}) “{text}”</source>
        <translation>[{start}, {end}) “{text}”</translation>
    </message>
    <message>
        <source>Category: {name}</source>
        <translation>类别：{name}</translation>
    </message>
    <message>
        <source>Memo: {memo}</source>
        <translation>备注：{memo}</translation>
    </message>
    <message>
        <source>{who}, changed {when}</source>
        <translation>{who}，修改于 {when}</translation>
    </message>
    <message>
        <source>changed in {where}</source>
        <translation>在 {where} 中修改</translation>
    </message>
    <message>
        <source>ours</source>
        <translation>本方</translation>
    </message>
    <message>
        <source>theirs</source>
        <translation>对方</translation>
    </message>
    <message>
        <source>both</source>
        <translation>两者</translation>
    </message>
    <message>
        <source>Differs in: {fields}</source>
        <translation>不同之处：{fields}</translation>
    </message>
    <message>
        <source>Also remove here the {n} tags the colleague removed</source>
        <translation>同时在本项目删除同事已删除的 {n} 条标注</translation>
    </message>
    <message>
        <source>{doc}: “{text}” {category} — {who}</source>
        <translation>{doc}：“{text}” {category} — {who}</translation>
    </message>
    <message>
        <source>(new category)</source>
        <translation>（新类别）</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>正在合并…</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>unknown choice {how!r} for a conflict; choose ours, theirs or both</source>
        <translation>冲突的处理方式 {how!r} 无效；请选择 ours（本方）、theirs（对方）或 both（两者）</translation>
    </message>
    <message>
        <source>{new} new documents, {known} already here</source>
        <translation>{new} 份新文书，{known} 份已在本项目中</translation>
    </message>
    <message>
        <source>{n} new tags by {name}</source>
        <translation>{name} 的新标注 {n} 条</translation>
    </message>
    <message>
        <source>{n} tags already here (skipped)</source>
        <translation>{n} 条标注已在本项目中（跳过）</translation>
    </message>
    <message>
        <source>{n} tags changed on both sides (conflicts): keep ours {ours}, take theirs {theirs}, keep both {both}</source>
        <translation>{n} 条标注双方都改动过（冲突）：保留本方 {ours}，采用对方 {theirs}，两者都保留 {both}</translation>
    </message>
    <message>
        <source>{n} tags removed in the file: removed here too</source>
        <translation>文件中已删除 {n} 条标注：本项目也删除</translation>
    </message>
    <message>
        <source>{n} tags removed in the file: kept here</source>
        <translation>文件中已删除 {n} 条标注：本项目保留</translation>
    </message>
    <message>
        <source>{n} tags were removed here earlier (not brought back)</source>
        <translation>{n} 条标注此前已在本项目删除（不恢复）</translation>
    </message>
    <message>
        <source>{n} tags placed by their quote in a changed text</source>
        <translation>{n} 条标注按引文定位到已修改的正文中</translation>
    </message>
    <message>
        <source>{n} documents have a different text here; their tags are placed by quote</source>
        <translation>{n} 份文书在本项目中的正文不同；其标注按引文定位</translation>
    </message>
    <message>
        <source>New categories: {names}</source>
        <translation>新类别：{names}</translation>
    </message>
    <message>
        <source>New annotators: {names}</source>
        <translation>新标注者：{names}</translation>
    </message>
    <message>
        <source>this is the open project itself; a file cannot be merged into itself</source>
        <translation>这就是当前打开的项目本身；文件不能合并到自身</translation>
    </message>
    <message>
        <source>category “{name}” is mapped to a category that is not in the project</source>
        <translation>类别“{name}”被对应到本项目中不存在的类别</translation>
    </message>
    <message>
        <source>category “{name}” in the file is “{here}” here (same identity): its tags go to “{here}”</source>
        <translation>文件中的类别“{name}”在本项目中为“{here}”（同一身份）：其标注归入“{here}”</translation>
    </message>
    <message>
        <source>category “{name}”: {n} categories here have that name; its tags go to the first unless you choose another</source>
        <translation>类别“{name}”：本项目有 {n} 个同名类别；除非另选，其标注归入第一个</translation>
    </message>
    <message>
        <source>{problem}; nothing was merged</source>
        <translation>{problem}；未合并任何内容</translation>
    </message>
    <message>
        <source>annotator “{name}” in the file is another person than “{name}” here (a different identity); their tags stay apart</source>
        <translation>文件中的标注者“{name}”与本项目的“{name}”不是同一人（身份不同）；其标注分开保存</translation>
    </message>
    <message>
        <source>the file does not carry the document&apos;s text and it is not in this project</source>
        <translation>文件不含该文书的正文，本项目中也没有这份文书</translation>
    </message>
    <message>
        <source>the document&apos;s text differs here and the quote cannot be found</source>
        <translation>该文书在本项目中的正文不同，找不到引文</translation>
    </message>
    <message>
        <source>{title} [{start}, {end}) “{quote}”: {reason}</source>
        <translation>{title} [{start}, {end}) “{quote}”：{reason}</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 条</translation>
    </message>
    <message>
        <source>Merge {name}</source>
        <translation>合并 {name}</translation>
    </message>
    <message>
        <source>say whom the copy is for (their name)</source>
        <translation>请说明副本给谁（同事的姓名）</translation>
    </message>
    <message>
        <source>unknown choice {choice!r} for the tags of a copy; choose all, others or none</source>
        <translation>副本标注的选项 {choice!r} 无效；请选择 all（全部）、others（除本人外）或 none（不含标注）</translation>
    </message>
    <message>
        <source>the copy is for a colleague: {name} is you</source>
        <translation>副本是给同事的：{name} 是您本人</translation>
    </message>
    <message>
        <source>a file with this name already exists</source>
        <translation>同名文件已存在</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <source>choose at least one document to share</source>
        <translation>请至少选择一份要共享的文书</translation>
    </message>
    <message>
        <source>accept A</source>
        <translation>采纳 A</translation>
    </message>
    <message>
        <source>accept B</source>
        <translation>采纳 B</translation>
    </message>
    <message>
        <source>accept both</source>
        <translation>两者都采纳</translation>
    </message>
    <message>
        <source>accept the selected passage</source>
        <translation>采纳所选段落</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>no unit was coded by two of the annotators: each tagged other documents</source>
        <translation>没有任何单元由两位标注者共同编码：各自标注的是不同的文书</translation>
    </message>
    <message>
        <source>every unit got the same value from everyone (nothing varies), so chance agreement is 1 and the coefficient is undefined</source>
        <translation>所有单元在每位标注者那里取值都相同（没有变化），偶然一致率为 1，系数无定义</translation>
    </message>
    <message>
        <source>no document was tagged by every chosen annotator; α_u compares only such documents</source>
        <translation>没有一份文书被所选的每位标注者都标注过；α_u 只比较这样的文书</translation>
    </message>
    <message>
        <source>in the documents every chosen annotator tagged, nobody used this category</source>
        <translation>在所选标注者都标注过的文书中，没有人使用此类别</translation>
    </message>
    <message>
        <source>F1 needs tags of this category from two annotators in the same document</source>
        <translation>F1 需要两位标注者在同一文书中都有此类别的标注</translation>
    </message>
    <message>
        <source>choose at least two annotators to compare</source>
        <translation>请至少选择两位标注者进行比较</translation>
    </message>
    <message>
        <source>unknown unit {unit!r}; choose one of {units}</source>
        <translation>未知的单位 {unit!r}；请从 {units} 中选择</translation>
    </message>
    <message>
        <source>no annotator with id {id}</source>
        <translation>没有 id 为 {id} 的标注者</translation>
    </message>
    <message>
        <source>no document has a section {section!r} (see `annotator structure`)</source>
        <translation>没有文书包含 {section!r} 部分（参见 `annotator structure`）</translation>
    </message>
    <message>
        <source>no document with id {id}</source>
        <translation>没有 id 为 {id} 的文书</translation>
    </message>
    <message>
        <source>unknown decision {decision!r}; choose one of {choices}</source>
        <translation>未知的裁决 {decision!r}；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>choose the tags to decide on</source>
        <translation>请选择要裁决的标注</translation>
    </message>
    <message>
        <source>the two tags are in different documents</source>
        <translation>两条标注位于不同的文书中</translation>
    </message>
    <message>
        <source>there is no tag of annotator A to accept here</source>
        <translation>此处没有标注者 A 的标注可采纳</translation>
    </message>
    <message>
        <source>there is no tag of annotator B to accept here</source>
        <translation>此处没有标注者 B 的标注可采纳</translation>
    </message>
    <message>
        <source>Adjudicate: {decision}</source>
        <translation>裁决：{decision}</translation>
    </message>
    <message>
        <source>rejected: nothing goes to the agreed layer</source>
        <translation>已驳回：审定层不增加任何标注</translation>
    </message>
    <message>
        <source>Accept agreements</source>
        <translation>采纳一致项</translation>
    </message>
    <message>
        <source>Mark {name} done</source>
        <translation>将 {name} 标记为已完成</translation>
    </message>
    <message>
        <source>Mark {name} in progress</source>
        <translation>将 {name} 标记为进行中</translation>
    </message>
    <message>
        <source>Mark {name} not started</source>
        <translation>将 {name} 标记为未开始</translation>
    </message>
    <message>
        <source>Remove document {name}</source>
        <translation>移除文书 {name}</translation>
    </message>
    <message>
        <source>a document&apos;s title cannot be empty</source>
        <translation>文书标题不能为空</translation>
    </message>
    <message>
        <source>Edit document properties</source>
        <translation>编辑文书属性</translation>
    </message>
    <message>
        <source>Add document {name}</source>
        <translation>添加文书 {name}</translation>
    </message>
    <message>
        <source>{source}: the same text is already in the project as “{title}”; skipped</source>
        <translation>{source}：项目中已有相同的文本（“{title}”），已跳过</translation>
    </message>
    <message>
        <source>Import {n} document</source>
        <translation>导入 {n} 份文书</translation>
    </message>
    <message>
        <source>Import {n} documents</source>
        <translation>导入 {n} 份文书</translation>
    </message>
    <message>
        <source>Undo reflow of {name}</source>
        <translation>恢复 {name} 的原有换行</translation>
    </message>
    <message>
        <source>Undo paragraphs of {name}</source>
        <translation>去除 {name} 插入的分段</translation>
    </message>
    <message>
        <source>a category needs a name</source>
        <translation>类别需要名称</translation>
    </message>
    <message>
        <source>the category name {name!r} contains control characters ({codes})</source>
        <translation>类别名称 {name!r} 含有控制字符（{codes}）</translation>
    </message>
    <message>
        <source>the category name contains a lone surrogate (\ud800–\udfff), which is not a character</source>
        <translation>类别名称含有孤立的代理码位（\ud800–\udfff），它不是字符</translation>
    </message>
    <message>
        <source>the category name is longer than {n} characters</source>
        <translation>类别名称超过 {n} 个字符</translation>
    </message>
    <message>
        <source>this is a folder, not a file</source>
        <translation>这是文件夹，不是文件</translation>
    </message>
    <message>
        <source>this is a named pipe (FIFO), not a regular file</source>
        <translation>这是命名管道（FIFO），不是普通文件</translation>
    </message>
    <message>
        <source>this is a device, not a regular file</source>
        <translation>这是设备，不是普通文件</translation>
    </message>
    <message>
        <source>this is a socket, not a regular file</source>
        <translation>这是套接字，不是普通文件</translation>
    </message>
    <message>
        <source>this is not a regular file</source>
        <translation>这不是普通文件</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>the file cannot be read (permission denied)</source>
        <translation>无法读取文件（权限不足）</translation>
    </message>
    <message>
        <source>the file cannot be read ({reason})</source>
        <translation>无法读取文件（{reason}）</translation>
    </message>
    <message>
        <source>the file is too large ({size} MiB; the limit is {limit} MiB)</source>
        <translation>文件过大（{size} MiB；上限为 {limit} MiB）</translation>
    </message>
    <message>
        <source>the file is too large (the limit is {limit} MiB)</source>
        <translation>文件过大（上限为 {limit} MiB）</translation>
    </message>
    <message>
        <source>not valid UTF-8 text (byte {byte})</source>
        <translation>不是有效的 UTF-8 文本（第 {byte} 字节）</translation>
    </message>
    <message>
        <source>a team project is backed up on its server; `annotator pull URL FILE.sqlite` makes a complete local copy</source>
        <translation>团队项目在其服务器上备份；`annotator pull URL FILE.sqlite` 可制作完整的本地副本</translation>
    </message>
    <message>
        <source>cannot write a backup: {error}</source>
        <translation>无法写入备份：{error}</translation>
    </message>
    <message>
        <source>the backup file does not exist</source>
        <translation>备份文件不存在</translation>
    </message>
    <message>
        <source>the backup is damaged too ({problem})</source>
        <translation>备份也已损坏（{problem}）</translation>
    </message>
    <message>
        <source>not a backup of a project ({problem})</source>
        <translation>不是项目的备份（{problem}）</translation>
    </message>
    <message>
        <source>another program (a window or a command) has this project open; close it first, then restore. Nothing was changed</source>
        <translation>另一个程序（窗口或命令）正打开着此项目；请先关闭它，再恢复。没有任何改动</translation>
    </message>
    <message>
        <source>another program (process {pid}: a window or a command) has this project open; close it first, then restore. Nothing was changed</source>
        <translation>另一个程序（进程 {pid}：窗口或命令）正打开着此项目；请先关闭它，再恢复。没有任何改动</translation>
    </message>
    <message>
        <source>cannot restore the backup: {error}</source>
        <translation>无法恢复备份：{error}</translation>
    </message>
    <message>
        <source>no category with id {id}</source>
        <translation>没有 id 为 {id} 的类别</translation>
    </message>
    <message>
        <source>no category named {name!r}</source>
        <translation>没有名为 {name!r} 的类别</translation>
    </message>
    <message>
        <source>Import codebook</source>
        <translation>导入编码本</translation>
    </message>
    <message>
        <source>Add category {name}</source>
        <translation>添加类别 {name}</translation>
    </message>
    <message>
        <source>Rename category {name}</source>
        <translation>重命名类别 {name}</translation>
    </message>
    <message>
        <source>Recolour category {name}</source>
        <translation>更改类别颜色 {name}</translation>
    </message>
    <message>
        <source>Edit coding rule of {name}</source>
        <translation>编辑 {name} 的编码规则</translation>
    </message>
    <message>
        <source>shortcut {key!r} must be one of 0–9 (or empty)</source>
        <translation>快捷键 {key!r} 必须是 0–9 之一（或留空）</translation>
    </message>
    <message>
        <source>Set key of {name}</source>
        <translation>设置 {name} 的快捷键</translation>
    </message>
    <message>
        <source>category {name!r} cannot go inside itself or its subcategories</source>
        <translation>类别 {name!r} 不能移入自身或其子类别</translation>
    </message>
    <message>
        <source>Move category {name}</source>
        <translation>移动类别 {name}</translation>
    </message>
    <message>
        <source>Archive category {name}</source>
        <translation>归档类别 {name}</translation>
    </message>
    <message>
        <source>Unarchive category {name}</source>
        <translation>取消归档类别 {name}</translation>
    </message>
    <message>
        <source>a category cannot be merged into itself</source>
        <translation>类别不能合并到自身</translation>
    </message>
    <message>
        <source>{name!r} cannot be merged into its own subcategory {target!r}</source>
        <translation>{name!r} 不能合并到它自己的子类别 {target!r}</translation>
    </message>
    <message>
        <source>Merge {name} into {target}</source>
        <translation>将 {name} 合并到 {target}</translation>
    </message>
    <message>
        <source>Delete category {name}</source>
        <translation>删除类别 {name}</translation>
    </message>
    <message>
        <source>a category named {name!r} already exists</source>
        <translation>已有名为 {name!r} 的类别</translation>
    </message>
    <message>
        <source>colour {color!r} is not of the form #RRGGBB</source>
        <translation>颜色 {color!r} 不是 #RRGGBB 格式</translation>
    </message>
    <message>
        <source>the {name} format can only be exported</source>
        <translation>{name} 格式只能导出</translation>
    </message>
    <message>
        <source>the {name} format has no option {options}</source>
        <translation>{name} 格式没有选项 {options}</translation>
    </message>
    <message>
        <source>{n} category is not in the codebook: {names} (choose to add them, e.g. --add-categories)</source>
        <translation>{n} 个类别不在编码本中：{names}（可选择添加它们，例如 --add-categories）</translation>
    </message>
    <message>
        <source>{n} categories are not in the codebook: {names} (choose to add them, e.g. --add-categories)</source>
        <translation>{n} 个类别不在编码本中：{names}（可选择添加它们，例如 --add-categories）</translation>
    </message>
    <message>
        <source>{problems} (nothing was imported; choose to import the rest, e.g. --skip-bad)</source>
        <translation>{problems}（未导入任何内容；可选择导入其余部分，例如 --skip-bad）</translation>
    </message>
    <message>
        <source>{n} problems: {list}; and {more} more</source>
        <translation>{n} 个问题：{list}；另有 {more} 个</translation>
    </message>
    <message>
        <source>1 problem: {list}</source>
        <translation>1 个问题：{list}</translation>
    </message>
    <message>
        <source>{n} problems: {list}</source>
        <translation>{n} 个问题：{list}</translation>
    </message>
    <message>
        <source>{problem}; nothing was imported</source>
        <translation>{problem}；未导入任何内容</translation>
    </message>
    <message>
        <source>{where}: span [{start}, {end}) does not fit the file&apos;s own text</source>
        <translation>{where}：范围 [{start}, {end}) 与文件自身的文本不符</translation>
    </message>
    <message>
        <source>{where}: span [{start}, {end}) covers only characters that a recorded normalisation removed</source>
        <translation>{where}：范围 [{start}, {end}) 只含已记录的规范化所删去的字符</translation>
    </message>
    <message>
        <source>{where}: span [{start}, {end}) is outside the text (0–{n} characters) or empty</source>
        <translation>{where}：范围 [{start}, {end}) 超出文本（0–{n} 个字符）或为空</translation>
    </message>
    <message>
        <source>{where}: offsets {start}–{end} do not match the text (file quotes “{quote}”, text has “{found}”)</source>
        <translation>{where}：偏移 {start}–{end} 与文本不符（文件引文为“{quote}”，文本中为“{found}”）</translation>
    </message>
    <message>
        <source>{where}: span [{start}, {end}) is outside the file&apos;s text (0–{n} characters) or empty</source>
        <translation>{where}：范围 [{start}, {end}) 超出文件中的文本（0–{n} 个字符）或为空</translation>
    </message>
    <message>
        <source>{where}: offsets {start}–{end} do not match the file&apos;s own text</source>
        <translation>{where}：偏移 {start}–{end} 与文件自身的文本不符</translation>
    </message>
    <message>
        <source>{where}: not placed: “{quote}” is not found (once, or told apart by its context) in the project&apos;s text of this document, which differs from the file&apos;s</source>
        <translation>{where}：未能定位：在本项目中此文档的文本（与文件中的不同）里找不到“{quote}”（或出现不止一次且无法凭上下文区分）</translation>
    </message>
    <message>
        <source>Import {n} tags from {name}</source>
        <translation>从 {name} 导入 {n} 条标注</translation>
    </message>
    <message>
        <source>this is a folder; choose a file name</source>
        <translation>这是文件夹；请选择文件名</translation>
    </message>
    <message>
        <source>this is the open project (or its -wal/-shm file); an export would destroy it</source>
        <translation>这是当前打开的项目（或其 -wal/-shm 文件）；导出会毁掉它</translation>
    </message>
    <message>
        <source>this is a copy the program keeps of the project (a replaced or pre-upgrade file)</source>
        <translation>这是程序保留的项目副本（被替换的文件或升级前的文件）</translation>
    </message>
    <message>
        <source>this is in the project&apos;s backup folder</source>
        <translation>这在项目的备份文件夹中</translation>
    </message>
    <message>
        <source>this is an SQLite database (a project or a backup?); an export never replaces one</source>
        <translation>这是一个 SQLite 数据库（项目还是备份？）；导出绝不会替换它</translation>
    </message>
    <message>
        <source>{reason}; nothing was written</source>
        <translation>{reason}；未写入任何内容</translation>
    </message>
    <message>
        <source>the folder for this file does not exist</source>
        <translation>此文件所在的文件夹不存在</translation>
    </message>
    <message>
        <source>no space left on the disk holding {name}; nothing was written (the project is unchanged)</source>
        <translation>存放 {name} 的磁盘已满；未写入任何内容（项目未改变）</translation>
    </message>
    <message>
        <source>cannot write here (permission denied or a read-only disk); nothing was written</source>
        <translation>无法在此写入（权限不足或磁盘只读）；未写入任何内容</translation>
    </message>
    <message>
        <source>cannot write the file ({error}); nothing was written</source>
        <translation>无法写入文件（{error}）；未写入任何内容</translation>
    </message>
    <message>
        <source>the project file is read-only; nothing was changed (open a writable copy to make changes)</source>
        <translation>项目文件是只读的；没有任何改动（要修改请打开可写的副本）</translation>
    </message>
    <message>
        <source>no space left on the disk holding {name}; this action was not saved (everything confirmed before it is kept). Free some space and try again</source>
        <translation>存放 {name} 的磁盘已满；此操作未保存（此前确认的内容都已保留）。请腾出空间后重试</translation>
    </message>
    <message>
        <source>the project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>the project is busy: another window or program has held its write lock longer than {s} s; nothing was changed, try again</source>
        <translation>项目正忙：另一个窗口或程序占用写锁已超过 {s} 秒；没有任何改动，请重试</translation>
    </message>
    <message>
        <source>the disk holding the project reported an error while writing; this action was not saved (everything confirmed before it is kept)</source>
        <translation>存放项目的磁盘在写入时报告错误；此操作未保存（此前确认的内容都已保留）</translation>
    </message>
    <message>
        <source>the project file cannot be opened (is its folder readable and writable?)</source>
        <translation>无法打开项目文件（其文件夹是否可读写？）</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>this is not a text file (binary content at byte {byte})</source>
        <translation>这不是文本文件（第 {byte} 字节处是二进制内容）</translation>
    </message>
    <message>
        <source>the text encoding could not be recognised; tried {tried}. Save the file as UTF-8 and import it again</source>
        <translation>无法识别文本编码；已尝试 {tried}。请将文件另存为 UTF-8 后重新导入</translation>
    </message>
    <message>
        <source>category {name!r} is archived</source>
        <translation>类别 {name!r} 已归档</translation>
    </message>
    <message>
        <source>Tag {name}</source>
        <translation>标注 {name}</translation>
    </message>
    <message>
        <source>Remove tag {name}</source>
        <translation>删除标注 {name}</translation>
    </message>
    <message>
        <source>Restore tag {name}</source>
        <translation>恢复标注 {name}</translation>
    </message>
    <message>
        <source>Edit memo</source>
        <translation>编辑备注</translation>
    </message>
    <message>
        <source>Change tag to {name}</source>
        <translation>将标注改为 {name}</translation>
    </message>
    <message>
        <source>Resize tag {name}</source>
        <translation>调整标注范围 {name}</translation>
    </message>
    <message>
        <source>Split tag {name}</source>
        <translation>拆分标注 {name}</translation>
    </message>
    <message>
        <source>Merge tags {name}</source>
        <translation>合并标注 {name}</translation>
    </message>
    <message>
        <source>Tag {n} hits {name}</source>
        <translation>标注 {n} 处命中为 {name}</translation>
    </message>
    <message>
        <source>Detect judgment structure</source>
        <translation>识别裁判文书结构</translation>
    </message>
    <message>
        <source>Mark section {name}</source>
        <translation>标为文书部分：{name}</translation>
    </message>
    <message>
        <source>Accept suggestions</source>
        <translation>采纳建议</translation>
    </message>
    <message>
        <source>Accept suggestion {name}</source>
        <translation>采纳建议 {name}</translation>
    </message>
    <message>
        <source>Accept {n} suggestions</source>
        <translation>采纳 {n} 条建议</translation>
    </message>
    <message>
        <source>Update text of {name}</source>
        <translation>更新 {name} 的文本</translation>
    </message>
    <message>
        <source>Mark tag reviewed</source>
        <translation>标记标注已审阅</translation>
    </message>
    <message>
        <source>Import documents</source>
        <translation>导入文书</translation>
    </message>
    <message>
        <source>{file} line {number}</source>
        <translation>{file} 第 {number} 行</translation>
    </message>
    <message>
        <source>line {number}: a T line needs “Type START END”</source>
        <translation>第 {number} 行：T 行需要“类型 起点 终点”</translation>
    </message>
    <message>
        <source>line {number}: offsets {frag} are not “START END”</source>
        <translation>第 {number} 行：偏移 {frag} 不是“起点 终点”</translation>
    </message>
    <message>
        <source>{where} ({ident}): the fragments {spans} overlap or are out of order</source>
        <translation>{where}（{ident}）：片段 {spans} 相互重叠或顺序颠倒</translation>
    </message>
    <message>
        <source>{where} ({ident}): a discontinuous span of {n} fragments ({spans}) whose text does not match the .txt (.ann quotes “{quote}”, the fragments hold “{found}”)</source>
        <translation>{where}（{ident}）：由 {n} 个片段（{spans}）组成的不连续范围，其文字与文本文件不符（标注文件引文为“{quote}”，片段中为“{found}”）</translation>
    </message>
    <message>
        <source>{where} ({ident}): offsets {spans} do not match the text (.ann quotes “{quote}”, .txt has “{found}”)</source>
        <translation>{where}（{ident}）：偏移 {spans} 与文本不符（标注文件引文为“{quote}”，文本文件中为“{found}”）</translation>
    </message>
    <message>
        <source>{where} ({ident} fragment {i}/{n})</source>
        <translation>{where}（{ident} 片段 {i}/{n}）</translation>
    </message>
    <message>
        <source>no record can be read: {list} (and {more} more)</source>
        <translation>没有可读取的记录：{list}（另有 {more} 处）</translation>
    </message>
    <message>
        <source>no record can be read: {list}</source>
        <translation>没有可读取的记录：{list}</translation>
    </message>
    <message>
        <source>line {number}</source>
        <translation>第 {number} 行</translation>
    </message>
    <message>
        <source>{where} is longer than {max} bytes</source>
        <translation>{where} 超过 {max} 字节</translation>
    </message>
    <message>
        <source>{where} is not UTF-8 (byte {byte})</source>
        <translation>{where} 不是 UTF-8 编码（第 {byte} 字节）</translation>
    </message>
    <message>
        <source>{where} is not valid JSON ({detail})</source>
        <translation>{where} 不是有效的 JSON（{detail}）</translation>
    </message>
    <message>
        <source>{where}: expected a JSON object, got {type}</source>
        <translation>{where}：应为 JSON 对象，实为 {type}</translation>
    </message>
    <message>
        <source>{where}, annotation {j}</source>
        <translation>{where}，第 {j} 个标注</translation>
    </message>
    <message>
        <source>{where}, label {j}</source>
        <translation>{where}，第 {j} 个标签</translation>
    </message>
    <message>
        <source>{where}: document-level label “{label}” skipped (only spans are imported)</source>
        <translation>{where}：已跳过文档级标签“{label}”（只导入文本范围）</translation>
    </message>
    <message>
        <source>{where}: expected [start, end, label], got {got}</source>
        <translation>{where}：应为 [起点, 终点, 标签]，实为 {got}</translation>
    </message>
    <message>
        <source>{where}, entity {j}</source>
        <translation>{where}，第 {j} 个实体</translation>
    </message>
    <message>
        <source>{where}: expected an object with start_offset, end_offset, label</source>
        <translation>{where}：应为含 start_offset、end_offset、label 的对象</translation>
    </message>
    <message>
        <source>{where}: offsets must be whole numbers, got {start} and {end}</source>
        <translation>{where}：偏移须为整数，实为 {start} 和 {end}</translation>
    </message>
    <message>
        <source>{where}: the label must be a non-empty string, got {value}</source>
        <translation>{where}：标签须为非空字符串，实为 {value}</translation>
    </message>
    <message>
        <source>not UTF-8 (byte {byte})</source>
        <translation>不是 UTF-8 编码（第 {byte} 字节）</translation>
    </message>
    <message>
        <source>not valid JSON ({detail})</source>
        <translation>不是有效的 JSON（{detail}）</translation>
    </message>
    <message>
        <source>expected a list of Label Studio tasks (objects with &quot;data&quot;)</source>
        <translation>应为 Label Studio 任务列表（含 &quot;data&quot; 的对象）</translation>
    </message>
    <message>
        <source>task {id}</source>
        <translation>任务 {id}</translation>
    </message>
    <message>
        <source>the file holds no tasks</source>
        <translation>文件中没有任务</translation>
    </message>
    <message>
        <source>no task can be read: {why}</source>
        <translation>没有可读取的任务：{why}</translation>
    </message>
    <message>
        <source>{where}: a task is an object with &quot;data&quot;</source>
        <translation>{where}：任务应为含 &quot;data&quot; 的对象</translation>
    </message>
    <message>
        <source>{where}: data has no text (fields {fields}; name the text field, e.g. --text-field)</source>
        <translation>{where}：data 中没有文本（字段 {fields}；请指定文本字段，例如 --text-field）</translation>
    </message>
    <message>
        <source>{where}: &quot;{kind}&quot; must be a list</source>
        <translation>{where}：&quot;{kind}&quot; 必须是列表</translation>
    </message>
    <message>
        <source>{where}: expected an object with &quot;result&quot;</source>
        <translation>{where}：应为含 &quot;result&quot; 的对象</translation>
    </message>
    <message>
        <source>{where}: skipped (cancelled in Label Studio)</source>
        <translation>{where}：已跳过（在 Label Studio 中已取消）</translation>
    </message>
    <message>
        <source>{where}: &quot;result&quot; must be a list</source>
        <translation>{where}：&quot;result&quot; 必须是列表</translation>
    </message>
    <message>
        <source>{where}, result {k}</source>
        <translation>{where}，第 {k} 个结果</translation>
    </message>
    <message>
        <source>{where}, prediction {j}</source>
        <translation>{where}，第 {j} 个预测</translation>
    </message>
    <message>
        <source>{where}, completion {j}</source>
        <translation>{where}，第 {j} 个完成结果</translation>
    </message>
    <message>
        <source>{where}: expected an object</source>
        <translation>{where}：应为对象</translation>
    </message>
    <message>
        <source>{where}: a {type} result skipped (only labels on text are imported)</source>
        <translation>{where}：已跳过一个 {type} 结果（只导入文本上的标签）</translation>
    </message>
    <message>
        <source>{where}: start and end must be whole numbers, got {start} and {end}</source>
        <translation>{where}：start 和 end 须为整数，实为 {start} 和 {end}</translation>
    </message>
    <message>
        <source>{where}: &quot;labels&quot; must be a list of label names</source>
        <translation>{where}：&quot;labels&quot; 必须是标签名列表</translation>
    </message>
    <message>
        <source>“{label}” selection {guid}</source>
        <translation>“{label}”的选区 {guid}</translation>
    </message>
    <message>
        <source>{where}: positions {start}–{end} are not whole numbers</source>
        <translation>{where}：位置 {start}–{end} 不是整数</translation>
    </message>
    <message>
        <source>{where}: a coding without a code</source>
        <translation>{where}：编码标记缺少代码</translation>
    </message>
    <message>
        <source>{where}: begin/end {begin}–{end} are not whole numbers</source>
        <translation>{where}：起止位置 {begin}–{end} 不是整数</translation>
    </message>
    <message>
        <source>cannot listen for the team&apos;s changes: {detail}</source>
        <translation>无法接收团队的修改通知：{detail}</translation>
    </message>
    <message>
        <source>the connection to the team server was lost ({detail})</source>
        <translation>与团队服务器的连接已中断（{detail}）</translation>
    </message>
    <message>
        <source>the connection to the team server was lost while saving; the change was saved whole or not at all — reload to see which</source>
        <translation>保存时与团队服务器的连接中断；这项修改要么完整保存、要么完全没有保存——请重新载入查看</translation>
    </message>
    <message>
        <source>cannot connect to the team server: {detail}</source>
        <translation>无法连接团队服务器：{detail}</translation>
    </message>
    <message>
        <source>the team server refused this change ({detail}); nothing was changed</source>
        <translation>团队服务器拒绝了这项修改（{detail}）；没有任何改动</translation>
    </message>
    <message>
        <source>the connection to the team server was lost ({detail}); nothing was changed — try again when it is back</source>
        <translation>与团队服务器的连接已中断（{detail}）；没有任何改动——连接恢复后请重试</translation>
    </message>
    <message>
        <source>cannot tell the format from the file name (known: {known}); name it with --format</source>
        <translation>无法从文件名判断格式（已知：{known}）；请用 --format 指定格式</translation>
    </message>
    <message>
        <source>not a usable JSON bundle: its data is nested too deeply</source>
        <translation>不是可用的 JSON 包：数据嵌套过深</translation>
    </message>
    <message>
        <source>not a JSON bundle (the file is not UTF-8 text)</source>
        <translation>不是 JSON 包（文件不是 UTF-8 文本）</translation>
    </message>
    <message>
        <source>not a JSON bundle: line {line}, column {column}: {detail}</source>
        <translation>不是 JSON 包：第 {line} 行第 {column} 列：{detail}</translation>
    </message>
    <message>
        <source>not a JSON bundle of this program (expected &quot;format&quot;: &quot;{format}&quot;)</source>
        <translation>不是本程序的 JSON 包（应有 &quot;format&quot;: &quot;{format}&quot;）</translation>
    </message>
    <message>
        <source>bundle version {version} is not supported</source>
        <translation>不支持 JSON 包版本 {version}</translation>
    </message>
    <message>
        <source>not a project file (not an SQLite database)</source>
        <translation>不是项目文件（不是 SQLite 数据库）</translation>
    </message>
    <message>
        <source>cannot open project: {detail}</source>
        <translation>无法打开项目：{detail}</translation>
    </message>
    <message>
        <source>not a project file (no table {tables})</source>
        <translation>不是项目文件（缺少数据表 {tables}）</translation>
    </message>
    <message>
        <source>cannot read project: {detail}</source>
        <translation>无法读取项目：{detail}</translation>
    </message>
</context>
<context>
    <name>OverviewStrip</name>
    <message>
        <source>Where tags (right) and find hits (left) are; click to go there</source>
        <translation>标注（右）和查找结果（左）的位置；点击即可跳转</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReadingPreferences</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Document font…</source>
        <translation>正文字体(&amp;D)…</translation>
    </message>
    <message>
        <source>I&amp;nterface font…</source>
        <translation>界面字体(&amp;N)…</translation>
    </message>
    <message>
        <source>Paragraph &amp;spacing</source>
        <translation>段落间距(&amp;S)</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Half a line</source>
        <translation>半行</translation>
    </message>
    <message>
        <source>One line</source>
        <translation>一行</translation>
    </message>
    <message>
        <source>Reading &amp;width</source>
        <translation>阅读宽度(&amp;W)</translation>
    </message>
    <message>
        <source>{n} characters per line</source>
        <translation>每行 {n} 字</translation>
    </message>
    <message>
        <source>Whole width</source>
        <translation>整个窗口宽度</translation>
    </message>
    <message>
        <source>A&amp;ppearance</source>
        <translation>外观(&amp;P)</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Document font</source>
        <translation>正文字体</translation>
    </message>
    <message>
        <source>Interface font</source>
        <translation>界面字体</translation>
    </message>
</context>
<context>
    <name>ReanchorReport</name>
    <message>
        <source>Corrected version imported</source>
        <translation>已导入更正版本</translation>
    </message>
    <message>
        <source>placed exactly: “{q}”</source>
        <translation>精确定位：“{q}”</translation>
    </message>
    <message>
        <source>placed approximately (similarity {s:.2f}), please check: “{q}”</source>
        <translation>近似定位（相似度 {s:.2f}），请核对：“{q}”</translation>
    </message>
    <message>
        <source>not found in the new text, removed (kept for review): “{q}”</source>
        <translation>新文本中未找到，已移除（保留待审阅）：“{q}”</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Backup failed: {error}</source>
        <translation>备份失败：{error}</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restored the backup {backup}; the replaced file is kept as {aside}.</source>
        <translation>已恢复备份 {backup}；被替换的文件保留为 {aside}。</translation>
    </message>
    <message>
        <source>Damaged project</source>
        <translation>项目已损坏</translation>
    </message>
    <message>
        <source>{name} is damaged and cannot be opened safely ({detail}). No backup of it was found.</source>
        <translation>{name} 已损坏，无法安全打开（{detail}）。未找到它的备份。</translation>
    </message>
    <message>
        <source>{name} is damaged and cannot be opened safely ({detail}). Restore a backup? The damaged file is kept next to it, renamed.</source>
        <translation>{name} 已损坏，无法安全打开（{detail}）。要恢复备份吗？损坏的文件会改名后保留在旁边。</translation>
    </message>
    <message>
        <source>Judgment Annotator</source>
        <translation>裁判文书标注工具</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Agreement report</source>
        <translation>一致性报告</translation>
    </message>
    <message>
        <source>Annotators:</source>
        <translation>标注者：</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>Characters</source>
        <translation>字数</translation>
    </message>
    <message>
        <source>Words (jieba)</source>
        <translation>词语（jieba）</translation>
    </message>
    <message>
        <source>Sentences</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>Part of the judgment:</source>
        <translation>文书部分：</translation>
    </message>
    <message>
        <source>Whole text</source>
        <translation>全文</translation>
    </message>
    <message>
        <source>Untagged text counts</source>
        <translation>未标注文本也计入</translation>
    </message>
    <message>
        <source>Text nobody tagged counts as agreement on &apos;no category&apos;.</source>
        <translation>无人标注的文本视为在“无类别”上一致。</translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation>计算(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位数</translation>
    </message>
    <message>
        <source>F1 exact</source>
        <translation>F1（完全匹配）</translation>
    </message>
    <message>
        <source>F1 overlap</source>
        <translation>F1（重叠）</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Confusion (two annotators)</source>
        <translation>混淆矩阵（两位标注者）</translation>
    </message>
    <message>
        <source>Tick at least two annotators.</source>
        <translation>请至少勾选两位标注者。</translation>
    </message>
    <message>
        <source>Splitting the texts into units…</source>
        <translation>正在将文本切分为单位…</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv);;Web page (*.html)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 表格 (*.csv);;网页 (*.html)</translation>
    </message>
    <message>
        <source>(overall)</source>
        <translation>（总体）</translation>
    </message>
    <message>
        <source>Cohen&apos;s κ</source>
        <translation>Cohen&apos;s κ</translation>
    </message>
    <message>
        <source>Fleiss&apos; κ</source>
        <translation>Fleiss&apos; κ</translation>
    </message>
    <message>
        <source>κ is {kind}. α and κ per category compare present/absent per unit; overall they pool the categories (1 − ΣD_o/ΣD_e). α_u is over characters.</source>
        <translation>κ 为 {kind}。各类别的 α 和 κ 比较每个单位上该类别的有无；总体值合并各类别计算（1 − ΣD_o/ΣD_e）。α_u 以字符计。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Export agreement report</source>
        <translation>导出一致性报告</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Choose the backup to put in place of {name}. The current file is kept next to it, renamed, so nothing is lost.</source>
        <translation>请选择用来替换 {name} 的备份。当前文件会改名后保留在旁边，不会丢失任何内容。</translation>
    </message>
    <message>
        <source>There are no backups of this project yet.</source>
        <translation>此项目还没有备份。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search the project: 商业道德   &quot;数据 权益&quot;   爬虫 OR 抓取   -刑法</source>
        <translation>在项目中搜索：商业道德   &quot;数据 权益&quot;   爬虫 OR 抓取   -刑法</translation>
    </message>
    <message>
        <source>Regex</source>
        <translation>正则表达式</translation>
    </message>
    <message>
        <source>Documents: court~互联网 year&gt;=2019 case_kind=民事</source>
        <translation>文书条件：court~互联网 year&gt;=2019 case_kind=民事</translation>
    </message>
    <message>
        <source>Conditions on document metadata, separated by spaces: key=value, key~part, key&gt;=number; statute~反不正当竞争法第2条</source>
        <translation>文书元数据条件，以空格分隔：键=值、键~部分、键&gt;=数字；statute~反不正当竞争法第2条</translation>
    </message>
    <message>
        <source>Any section</source>
        <translation>任意部分</translation>
    </message>
    <message>
        <source>Anywhere</source>
        <translation>任意位置</translation>
    </message>
    <message>
        <source>Inside category</source>
        <translation>在类别之内</translation>
    </message>
    <message>
        <source>Outside category</source>
        <translation>在类别之外</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>the hit</source>
        <translation>命中文字</translation>
    </message>
    <message>
        <source>its word</source>
        <translation>所在词语</translation>
    </message>
    <message>
        <source>its sentence</source>
        <translation>所在句子</translation>
    </message>
    <message>
        <source>Tag…</source>
        <translation>标注…</translation>
    </message>
    <message>
        <source>Tag the selected hits (all hits when none is selected)</source>
        <translation>标注所选命中（未选择时标注全部命中）</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>as</source>
        <translation>为</translation>
    </message>
    <message>
        <source>First {n} hits in {d} documents (refine the query to see the rest)</source>
        <translation>前 {n} 处命中，来自 {d} 份文书（细化查询可查看其余）</translation>
    </message>
    <message>
        <source>{n} hits in {d} documents</source>
        <translation>{n} 处命中，来自 {d} 份文书</translation>
    </message>
    <message>
        <source>Search first, then choose the hits and a category.</source>
        <translation>请先搜索，再选择命中和类别。</translation>
    </message>
    <message>
        <source>Tag hits</source>
        <translation>标注命中</translation>
    </message>
    <message>
        <source>Tag {n} passages from {d} documents as “{cat}”? (One step to undo.)</source>
        <translation>将来自 {d} 份文书的 {n} 个段落标注为“{cat}”？（一步即可撤销。）</translation>
    </message>
    <message>
        <source>{n} passages tagged as “{cat}”.</source>
        <translation>已将 {n} 个段落标注为“{cat}”。</translation>
    </message>
</context>
<context>
    <name>SegmentsDialog</name>
    <message>
        <source>Coded segments</source>
        <translation>编码片段</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>with sub-categories</source>
        <translation>含子类别</translation>
    </message>
    <message>
        <source>All annotators</source>
        <translation>全部标注者</translation>
    </message>
    <message>
        <source>Any section</source>
        <translation>任意部分</translation>
    </message>
    <message>
        <source>Documents: court~互联网 year&gt;=2019</source>
        <translation>文书条件：court~互联网 year&gt;=2019</translation>
    </message>
    <message>
        <source>Passage contains…</source>
        <translation>段落包含…</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Export list…</source>
        <translation>导出列表…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{n} passages in {d} documents</source>
        <translation>{d} 份文书中的 {n} 个段落</translation>
    </message>
    <message>
        <source>Export coded segments</source>
        <translation>导出编码片段</translation>
    </message>
    <message>
        <source>{n} passages written to {path}</source>
        <translation>已将 {n} 个段落写入 {path}</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <source>Share a copy for a colleague</source>
        <translation>为同事共享副本</translation>
    </message>
    <message>
        <source>The colleague&apos;s name, as their tags will carry it</source>
        <translation>同事的姓名，其标注将署此名</translation>
    </message>
    <message>
        <source>For</source>
        <translation>给</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>副本</translation>
    </message>
    <message>
        <source>Tags in the copy:</source>
        <translation>副本中的标注：</translation>
    </message>
    <message>
        <source>Leave out my tags — blind second coding, so that agreement means something</source>
        <translation>不含我的标注——盲态二次编码，一致性才有意义</translation>
    </message>
    <message>
        <source>Leave out every tag</source>
        <translation>不含任何标注</translation>
    </message>
    <message>
        <source>Keep every tag — for reading or for going on together</source>
        <translation>保留全部标注——供阅读或共同继续标注</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>文书：</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>None</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>&amp;Write the copy</source>
        <translation>写出副本(&amp;W)</translation>
    </message>
    <message>
        <source>colleague</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>Projects (*.sqlite)</source>
        <translation>项目 (*.sqlite)</translation>
    </message>
    <message>
        <source>Copy for {name} written to {path}. When it comes back: Review → Merge back a shared copy.</source>
        <translation>给 {name} 的副本已写入 {path}。收回后：审阅 → 合并收回的共享副本。</translation>
    </message>
</context>
<context>
    <name>StatisticsDialog</name>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Save table as CSV…</source>
        <translation>将表格另存为 CSV…</translation>
    </message>
    <message>
        <source>Save as image…</source>
        <translation>另存为图片…</translation>
    </message>
    <message>
        <source>The table with its bars, as PNG or SVG</source>
        <translation>将表格及其条形图保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Characteristic words…</source>
        <translation>特征词…</translation>
    </message>
    <message>
        <source>The words that set each category&apos;s passages apart (jieba, TF-IDF)</source>
        <translation>使各类别段落区别于其他段落的词语（jieba，TF-IDF）</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{n:,} tags in {d:,} documents</source>
        <translation>{d:,} 份文书中共 {n:,} 条标注</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标注数</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Courts</source>
        <translation>法院</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>法院</translation>
    </message>
    <message>
        <source>(not found)</source>
        <translation>（未找到）</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Overlaps with</source>
        <translation>与之重叠的类别</translation>
    </message>
    <message>
        <source>Overlapping tags</source>
        <translation>重叠的标注</translation>
    </message>
    <message>
        <source>Co-occurrence</source>
        <translation>共现</translation>
    </message>
    <message>
        <source>Statute article</source>
        <translation>法条</translation>
    </message>
    <message>
        <source>Citations</source>
        <translation>引用次数</translation>
    </message>
    <message>
        <source>Statutes</source>
        <translation>法条</translation>
    </message>
    <message>
        <source>Statute article cited in its passages</source>
        <translation>其段落中引用的法条</translation>
    </message>
    <message>
        <source>Categories × statutes</source>
        <translation>类别 × 法条</translation>
    </message>
    <message>
        <source>Segmenting the tagged passages…</source>
        <translation>正在对已标注段落分词…</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>词语</translation>
    </message>
    <message>
        <source>TF-IDF</source>
        <translation>TF-IDF</translation>
    </message>
    <message>
        <source>Characteristic words</source>
        <translation>特征词</translation>
    </message>
    <message>
        <source>Save as image</source>
        <translation>另存为图片</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Save table as CSV</source>
        <translation>将表格另存为 CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>StructurePanel</name>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Court</source>
        <translation>法院</translation>
    </message>
    <message>
        <source>Document type</source>
        <translation>文书类型</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>案件类型</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>审理程序</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>裁判日期</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Cause of action</source>
        <translation>案由</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>书记员</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Judgment</source>
        <translation>裁判文书</translation>
    </message>
    <message>
        <source>not recognised as a judgment</source>
        <translation>未识别为裁判文书</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Cases cited</source>
        <translation>引用的案号</translation>
    </message>
    <message>
        <source>Judges</source>
        <translation>审判人员</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>结构</translation>
    </message>
    <message>
        <source>{start}–{end} ({n} characters)</source>
        <translation>{start}–{end}（{n} 字）</translation>
    </message>
    <message>
        <source>Statutes cited</source>
        <translation>引用的法条</translation>
    </message>
</context>
<context>
    <name>SuggestionLayer</name>
    <message>
        <source>This document is too long for suggestions while you tag; use Tools → Suggest tags in documents…</source>
        <translation>此文档过长，标注时不自动给出建议；请使用“工具 → 在文书中建议标注…”</translation>
    </message>
    <message>
        <source>No tag suggestions: {error}</source>
        <translation>没有标注建议：{error}</translation>
    </message>
    <message>
        <source>No suggestions in this document.</source>
        <translation>本文书中没有建议。</translation>
    </message>
    <message>
        <source>Suggested: {cat} (score {score:.2f}). Enter accepts, Backspace rejects, Tab goes on.</source>
        <translation>建议：{cat}（分数 {score:.2f}）。Enter 采纳，Backspace 拒绝，Tab 继续。</translation>
    </message>
    <message>
        <source>Not {cat}: remembered, and learnt from.</source>
        <translation>不是 {cat}：已记住，并将据此学习。</translation>
    </message>
    <message>
        <source>same text as a tag</source>
        <translation>与已有标注文字相同</translation>
    </message>
    <message>
        <source>learnt from your tags</source>
        <translation>从您的标注中学习</translation>
    </message>
    <message>
        <source>Suggestion: {cat}
score {score:.2f} ({source})
Tab selects it; Enter accepts, Backspace rejects</source>
        <translation>建议：{cat}
分数 {score:.2f}（{source}）
Tab 选中；Enter 采纳，Backspace 拒绝</translation>
    </message>
</context>
<context>
    <name>SuggestionSettingsDialog</name>
    <message>
        <source>Suggestion settings</source>
        <translation>建议设置</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标注数</translation>
    </message>
    <message>
        <source>Accepted / rejected</source>
        <translation>采纳 / 拒绝</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>automatic (from {n} tags)</source>
        <translation>自动（{n} 条标注起）</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>A suggestion is shown when its score reaches the category&apos;s threshold. Learnt on this computer; nothing is sent anywhere.</source>
        <translation>建议的分数达到类别阈值时显示。在本机上学习；不会向任何地方发送任何内容。</translation>
    </message>
</context>
<context>
    <name>TagMenus</name>
    <message>
        <source>Tag selection as</source>
        <translation>将选区标注为</translation>
    </message>
    <message>
        <source>Change category to</source>
        <translation>将类别改为</translation>
    </message>
    <message>
        <source>Also tag this passage as</source>
        <translation>同时将此段落标注为</translation>
    </message>
    <message>
        <source>Set extent to selection</source>
        <translation>将范围设为选区</translation>
    </message>
    <message>
        <source>Split here</source>
        <translation>在此拆分</translation>
    </message>
    <message>
        <source>Merge with next tag of its category</source>
        <translation>与同类别的下一条标注合并</translation>
    </message>
    <message>
        <source>Merge with previous tag of its category</source>
        <translation>与同类别的上一条标注合并</translation>
    </message>
    <message>
        <source>Edit memo</source>
        <translation>编辑备注</translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>删除标注</translation>
    </message>
</context>
<context>
    <name>TagNavigation</name>
    <message>
        <source>No tags to go to.</source>
        <translation>没有可跳转的标注。</translation>
    </message>
    <message>
        <source>Tag {i} of {n}</source>
        <translation>第 {i} 条标注，共 {n} 条</translation>
    </message>
</context>
<context>
    <name>TeamLink</name>
    <message>
        <source>owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>adjudicator</source>
        <translation>审定人</translation>
    </message>
    <message>
        <source>annotator</source>
        <translation>标注者</translation>
    </message>
    <message>
        <source>Team server: connected as {name} ({role})</source>
        <translation>团队服务器：已以 {name}（{role}）身份连接</translation>
    </message>
    <message>
        <source>Team server: connected</source>
        <translation>团队服务器：已连接</translation>
    </message>
    <message>
        <source>Updated with changes by {names}.</source>
        <translation>已显示 {names} 的修改。</translation>
    </message>
    <message>
        <source>Team server: connection lost — reconnecting…</source>
        <translation>团队服务器：连接中断——正在重新连接…</translation>
    </message>
    <message>
        <source>The connection to the team server was lost. Changes made now fail with a message and are not saved; the window reconnects by itself.</source>
        <translation>与团队服务器的连接已中断。此时所做的修改会提示失败且不会保存；窗口会自动重新连接。</translation>
    </message>
    <message>
        <source>Reconnected to the team server; showing what changed.</source>
        <translation>已重新连接团队服务器，正在显示期间的修改。</translation>
    </message>
</context>
<context>
    <name>bar</name>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Find ne&amp;xt</source>
        <translation>查找下一个(&amp;X)</translation>
    </message>
    <message>
        <source>Find pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
</context>
<context>
    <name>layer</name>
    <message>
        <source>Reject suggestion {cat}</source>
        <translation>拒绝建议 {cat}</translation>
    </message>
    <message>
        <source>Reject {n} suggestions</source>
        <translation>拒绝 {n} 条建议</translation>
    </message>
</context>
<context>
    <name>menu</name>
    <message>
        <source>Show everyone</source>
        <translation>显示所有人</translation>
    </message>
    <message>
        <source>Only mine</source>
        <translation>仅我的</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>Restore from backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Search the &amp;project…</source>
        <translation>在项目中搜索(&amp;P)…</translation>
    </message>
    <message>
        <source>Select the passage that forms the section first.</source>
        <translation>请先选中构成该部分的段落。</translation>
    </message>
    <message>
        <source>Finding the structure of each judgment…</source>
        <translation>正在识别各裁判文书的结构…</translation>
    </message>
    <message>
        <source>Detect judgment structure</source>
        <translation>识别裁判文书结构</translation>
    </message>
    <message>
        <source>Structure detection cancelled; nothing changed.</source>
        <translation>已取消结构识别；未做任何更改。</translation>
    </message>
    <message>
        <source>Structure found again in {n} documents.</source>
        <translation>已重新识别 {n} 份文书的结构。</translation>
    </message>
    <message>
        <source>Judgment structure</source>
        <translation>裁判文书结构</translation>
    </message>
    <message>
        <source>Detect judgment &amp;structure again</source>
        <translation>重新识别裁判文书结构(&amp;S)</translation>
    </message>
    <message>
        <source>Mark selection as &amp;section</source>
        <translation>将所选标为文书部分(&amp;S)</translation>
    </message>
    <message>
        <source>Compare annotators</source>
        <translation>比较标注者</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>审阅(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Merge a colleague&apos;s work…</source>
        <translation>合并同事的工作(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Show tags of</source>
        <translation>显示标注(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Colour tags by</source>
        <translation>标注着色依据(&amp;C)</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Annotator</source>
        <translation>标注者</translation>
    </message>
    <message>
        <source>&amp;Compare two annotators</source>
        <translation>比较两位标注者(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Next disagreement</source>
        <translation>下一处分歧(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous disagreement</source>
        <translation>上一处分歧(&amp;P)</translation>
    </message>
    <message>
        <source>C&amp;uration view: two readings side by side</source>
        <translation>审定视图：两份标注并排(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Export the agreed layer…</source>
        <translation>导出审定层(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Agreement report…</source>
        <translation>一致性报告(&amp;A)…</translation>
    </message>
    <message>
        <source>Nothing is agreed yet: settle disagreements in the curation view or the compare dock first.</source>
        <translation>尚无审定结果：请先在审定视图或比较面板中裁决分歧。</translation>
    </message>
    <message>
        <source>Only the agreed layer (审定)</source>
        <translation>仅审定层（审定）</translation>
    </message>
    <message>
        <source>Merge a colleague&apos;s work</source>
        <translation>合并同事的工作</translation>
    </message>
    <message>
        <source>Bundles and projects (*.json *.sqlite);;All files (*)</source>
        <translation>数据包和项目 (*.json *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Merged: {t} tags, {d} documents; {u} tags updated, {r} removed</source>
        <translation>已合并：{t} 条标注，{d} 份文书；更新 {u} 条，删除 {r} 条</translation>
    </message>
    <message>
        <source>S&amp;tatistics…</source>
        <translation>统计(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Coded segments…</source>
        <translation>编码片段(&amp;C)…</translation>
    </message>
    <message>
        <source>Import &amp;corrected version of this document…</source>
        <translation>导入本文书的更正版本(&amp;C)…</translation>
    </message>
    <message>
        <source>Tags to &amp;review after corrections…</source>
        <translation>更正后待核对的标注(&amp;R)…</translation>
    </message>
    <message>
        <source>Open a document first.</source>
        <translation>请先打开一份文书。</translation>
    </message>
    <message>
        <source>{name} — {file} ({when})</source>
        <translation>{name} — {file}（{when}）</translation>
    </message>
    <message>
        <source>No copy shared yet (File → Share a copy for a colleague…)</source>
        <translation>尚未共享副本（文件 → 为同事共享副本…）</translation>
    </message>
    <message>
        <source>Share a copy for a &amp;colleague…</source>
        <translation>为同事共享副本(&amp;C)…</translation>
    </message>
    <message>
        <source>Merge &amp;back a shared copy</source>
        <translation>合并收回的共享副本(&amp;B)</translation>
    </message>
    <message>
        <source>Show tag suggestions</source>
        <translation>显示标注建议</translation>
    </message>
    <message>
        <source>Learn fastest (most uncertain suggestions first)</source>
        <translation>最快学习（最不确定的建议优先）</translation>
    </message>
    <message>
        <source>Learn from everyone&apos;s tags (not only mine)</source>
        <translation>从所有人的标注中学习（不仅是我的）</translation>
    </message>
    <message>
        <source>Suggest tags in documents…</source>
        <translation>在文书中建议标注…</translation>
    </message>
    <message>
        <source>Suggestion settings…</source>
        <translation>建议设置…</translation>
    </message>
    <message>
        <source>&amp;Legal words…</source>
        <translation>法律词语(&amp;L)…</translation>
    </message>
    <message>
        <source>Text as delivered</source>
        <translation>原始文本</translation>
    </message>
    <message>
        <source>Restore &amp;line breaks as delivered</source>
        <translation>恢复原始换行(&amp;L)</translation>
    </message>
    <message>
        <source>Put back the line breaks that were joined when this document was imported</source>
        <translation>恢复导入本文书时被合并的换行</translation>
    </message>
    <message>
        <source>Remove inserted &amp;paragraph breaks</source>
        <translation>删除插入的分段(&amp;P)</translation>
    </message>
    <message>
        <source>Give this document back the layout it came with (one line)</source>
        <translation>恢复本文书原来的版式（整篇一行）</translation>
    </message>
    <message>
        <source>Server, database and user are needed to connect.</source>
        <translation>连接需要填写服务器、数据库和用户。</translation>
    </message>
    <message>
        <source>Connect to &amp;team project…</source>
        <translation>连接团队项目(&amp;T)…</translation>
    </message>
    <message>
        <source>Filter documents</source>
        <translation>筛选文书</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Codebook</source>
        <translation>编码本</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Select a tag to write a memo; it is saved as you type.</source>
        <translation>选择一条标注即可写备注；输入时自动保存。</translation>
    </message>
    <message>
        <source>Tags in this document</source>
        <translation>本文书的标注</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import documents…</source>
        <translation>导入文书(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Import code&amp;book…</source>
        <translation>导入编码本(&amp;B)…</translation>
    </message>
    <message>
        <source>Export codeb&amp;ook…</source>
        <translation>导出编码本(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Delete tag</source>
        <translation>删除标注(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Tag selection as</source>
        <translation>将选区标注为(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
</context>
</TS>
