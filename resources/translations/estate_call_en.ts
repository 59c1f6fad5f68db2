<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>Application</name>
    <message>
        <source>电话营销</source>
        <translation>Telemarketing</translation>
    </message>
    <message>
        <source>公司 CA 证书 %1 无法使用(%2)，已改用公共证书机构。</source>
        <translation>The company CA certificate %1 cannot be used (%2); the public certificate authorities are used instead.</translation>
    </message>
    <message>
        <source>启动提示</source>
        <translation>Start-up notice</translation>
    </message>
    <message>
        <source>设置已保存</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <source>部分设置在重新启动程序后生效：%1</source>
        <translation>Some settings take effect after the program is restarted: %1</translation>
    </message>
    <message>
        <source>服务器已改为 %1，请用该服务器的工号重新登录。</source>
        <translation>The server is now %1: log in again with your staff number on that server.</translation>
    </message>
    <message>
        <source>(未设置)</source>
        <translation>(not set)</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>（未填写）</source>
        <translation>(blank)</translation>
    </message>
    <message>
        <source>其他 %1 项</source>
        <translation>Other (%1)</translation>
    </message>
</context>
<context>
    <name>CallbackEditor</name>
    <message>
        <source>重新发送 (Enter)</source>
        <translation>Resend (Enter)</translation>
    </message>
    <message>
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>业主姓名</source>
        <translation>Owner name</translation>
    </message>
    <message>
        <source>反馈</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>修改反馈后重发</source>
        <translation>Edit feedback and resend</translation>
    </message>
    <message>
        <source>请选择反馈</source>
        <translation>Choose a feedback</translation>
    </message>
    <message>
        <source>文字太长</source>
        <translation>Text too long</translation>
    </message>
</context>
<context>
    <name>CallbackScheduler</name>
    <message>
        <source>1 小时后</source>
        <translation>In 1 hour</translation>
    </message>
    <message>
        <source>今天下班前</source>
        <translation>Before the end of today</translation>
    </message>
    <message>
        <source>明天上午</source>
        <translation>Tomorrow morning</translation>
    </message>
    <message>
        <source>明天下午</source>
        <translation>Tomorrow afternoon</translation>
    </message>
    <message>
        <source>自选时间</source>
        <translation>Pick a time</translation>
    </message>
    <message>
        <source>备注(可不填)，回车保存，Esc 取消</source>
        <translation>Note (optional); Enter saves, Esc cancels</translation>
    </message>
    <message>
        <source>保存回访</source>
        <translation>Save callback</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>预约回访：%1</source>
        <translation>Schedule a callback: %1</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>today</translation>
    </message>
    <message>
        <source>明天</source>
        <translation>tomorrow</translation>
    </message>
    <message>
        <source>请选一个以后的时间</source>
        <translation>Please pick a time in the future</translation>
    </message>
    <message>
        <source>请选时间</source>
        <translation>Please pick a time</translation>
    </message>
</context>
<context>
    <name>CallbacksView</name>
    <message>
        <source>回访、通话历史和备注只保存在这台电脑上，不会发送到服务器；保留 %1 天。</source>
        <translation>Callbacks, call history and notes are kept on this PC only and never sent to the server; they are kept for %1 days.</translation>
    </message>
    <message>
        <source>回访时间</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>打开为当前号码 (Enter)</source>
        <translation>Call it now (Enter)</translation>
    </message>
    <message>
        <source>标记完成</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <source>取消回访</source>
        <translation>Cancel callback</translation>
    </message>
    <message>
        <source>已到期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>今天稍后</source>
        <translation>Later today</translation>
    </message>
    <message>
        <source>以后</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>已到期 %1 个，今天还有 %2 个，以后 %3 个</source>
        <translation>%1 due, %2 more today, %3 later</translation>
    </message>
    <message>
        <source>(无姓名)</source>
        <translation>(no name)</translation>
    </message>
</context>
<context>
    <name>Chart</name>
    <message>
        <source>今天还没有记录</source>
        <translation>Nothing recorded today yet</translation>
    </message>
</context>
<context>
    <name>ConfigText</name>
    <message>
        <source>服务器地址中不能有空格</source>
        <translation>The server address must not contain spaces</translation>
    </message>
    <message>
        <source>服务器地址中不能有控制字符</source>
        <translation>The server address must not contain control characters</translation>
    </message>
    <message>
        <source>服务器地址缺少 http:// 或 https://，例如 %1</source>
        <translation>The server address needs http:// or https://, e.g. %1</translation>
    </message>
    <message>
        <source>服务器地址只能以 http:// 或 https:// 开头</source>
        <translation>The server address must start with http:// or https://</translation>
    </message>
    <message>
        <source>服务器地址缺少主机名或 IP，例如 %1</source>
        <translation>The server address needs a host name or IP, e.g. %1</translation>
    </message>
    <message>
        <source>服务器地址中的主机名或 IP 无效(主机名只能用英文字母、数字、- 和 _)</source>
        <translation>The host name or IP in the server address is not valid (a host name may use only English letters, digits, - and _)</translation>
    </message>
    <message>
        <source>服务器地址中的端口无效</source>
        <translation>The port in the server address is not valid</translation>
    </message>
    <message>
        <source>服务器地址不能带 ? 或 # 之后的部分，只填到入口路径，例如 %1</source>
        <translation>The server address must not have a ? or # part; enter it up to the entry path, e.g. %1</translation>
    </message>
    <message>
        <source>拨号链接不能为空，例如 tel:{phone}</source>
        <translation>The dial link must not be empty, e.g. tel:{phone}</translation>
    </message>
    <message>
        <source>拨号链接中不能有空格</source>
        <translation>The dial link must not contain spaces</translation>
    </message>
    <message>
        <source>拨号链接中必须包含 {phone}(会换成电话号码)，例如 tel:{phone}</source>
        <translation>The dial link must contain {phone} (replaced by the phone number), e.g. tel:{phone}</translation>
    </message>
    <message>
        <source>拨号链接中只能有 {phone} 这一个占位符，请删除其他花括号</source>
        <translation>{phone} is the only placeholder allowed in the dial link; remove the other braces</translation>
    </message>
    <message>
        <source>拨号链接必须以 tel:、sip:、callto: 等开头，例如 tel:{phone}</source>
        <translation>The dial link must start with tel:, sip:, callto: or similar, e.g. tel:{phone}</translation>
    </message>
    <message>
        <source>不支持的拨号方式 %1:，只能用 %2</source>
        <translation>Unsupported dial scheme %1:; use one of %2</translation>
    </message>
    <message>
        <source>网页拨号链接应写成 https://主机/路径?号码={phone} 的形式</source>
        <translation>A web dial link must look like https://host/path?number={phone}</translation>
    </message>
    <message>
        <source>未知的设置项 &quot;%1&quot;</source>
        <translation>Unknown setting &quot;%1&quot;</translation>
    </message>
    <message>
        <source>应为文字，写在英文双引号中，例如 &quot;weixin&quot;</source>
        <translation>Must be text in straight double quotes, e.g. &quot;weixin&quot;</translation>
    </message>
    <message>
        <source>应为 %1 到 %2 之间的秒数，例如 3 或 2.5</source>
        <translation>Must be a number of seconds from %1 to %2, e.g. 3 or 2.5</translation>
    </message>
    <message>
        <source>应为 %1 到 %2 之间的整数(0 表示不预取号码)</source>
        <translation>Must be a whole number from %1 to %2 (0 turns the reserve of phone numbers off)</translation>
    </message>
    <message>
        <source>应为 %1 到 %2 之间的数(0 表示不设)</source>
        <translation>should be a number from %1 to %2 (0: none)</translation>
    </message>
    <message>
        <source>应为最多 %1 项文字的列表，例如 [&quot;接受邀请&quot;, &quot;已到访&quot;]</source>
        <translation>should be a list of at most %1 feedback names, each in double quotes, for example [&quot;name 1&quot;, &quot;name 2&quot;]</translation>
    </message>
    <message>
        <source>应为 true 或 false</source>
        <translation>Must be true or false</translation>
    </message>
    <message>
        <source>应为 1 到 %1 个字符的机器编号，例如 &quot;weixin&quot;</source>
        <translation>Must be a machine number of 1 to %1 characters, e.g. &quot;weixin&quot;</translation>
    </message>
    <message>
        <source>找不到 CA 证书文件 %1</source>
        <translation>CA certificate file %1 not found</translation>
    </message>
    <message>
        <source>应为 zh_CN(中文) 或 en(英文)</source>
        <translation>Must be zh_CN (Chinese) or en (English)</translation>
    </message>
    <message>
        <source>data_dir 不能写在用户配置文件里(这个文件本身就放在数据文件夹中)；请改用命令行 --data-dir、环境变量 ESTATE_DATA_DIR 或程序旁的 default_config.toml</source>
        <translation>data_dir cannot be set in the user&apos;s configuration file (that file lives in the data folder itself); use the --data-dir option, the ESTATE_DATA_DIR environment variable or default_config.toml beside the program</translation>
    </message>
    <message>
        <source>设置项 &quot;%1&quot; 的值 %2 无效: %3</source>
        <translation>the value %2 of setting &quot;%1&quot; is not valid: %3</translation>
    </message>
    <message>
        <source>无法读取(%1)，已忽略</source>
        <translation>cannot be read (%1); ignored</translation>
    </message>
    <message>
        <source>不是有效的 TOML 格式(%1)，整个文件已忽略</source>
        <translation>not valid TOML (%1); the whole file is ignored</translation>
    </message>
    <message>
        <source>未知的设置项 &quot;%1&quot;(设置都直接写成 键 = 值，不分 [小节])</source>
        <translation>unknown setting &quot;%1&quot; (write every setting as key = value, without [sections])</translation>
    </message>
    <message>
        <source>%1，已忽略</source>
        <translation>%1; ignored</translation>
    </message>
    <message>
        <source>程序内置的默认值</source>
        <translation>the program&apos;s built-in default</translation>
    </message>
    <message>
        <source>配置文件 %1</source>
        <translation>configuration file %1</translation>
    </message>
    <message>
        <source>配置文件 %1 第 %2 行</source>
        <translation>configuration file %1, line %2</translation>
    </message>
    <message>
        <source>环境变量 %1</source>
        <translation>environment variable %1</translation>
    </message>
    <message>
        <source>命令行 %1</source>
        <translation>command-line option %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>In %1: %2</translation>
    </message>
    <message>
        <source>应为方括号中的一组文字，例如 [&quot;接受邀请&quot;, &quot;继续跟进&quot;]；[] 表示一个都没有</source>
        <translation>Must be a list of feedback item names in square brackets, each in double quotes; [] for none</translation>
    </message>
    <message>
        <source>应为 时:分 形式的时间，例如 18:00</source>
        <translation>should be a time of day as hours:minutes, e.g. 18:00</translation>
    </message>
    <message>
        <source>应为 %1 到 %2 之间的天数</source>
        <translation>should be a number of days from %1 to %2</translation>
    </message>
</context>
<context>
    <name>ConnectionTest</name>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>请先填写服务器地址</source>
        <translation>Enter the server address first</translation>
    </message>
    <message>
        <source>正在测试…</source>
        <translation>Testing…</translation>
    </message>
    <message>
        <source>正在连接 %1 …</source>
        <translation>Connecting to %1 …</translation>
    </message>
    <message>
        <source>测试没有完成：%1</source>
        <translation>The test did not finish: %1</translation>
    </message>
</context>
<context>
    <name>CsvExport</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>信息包</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>反馈</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>电子客姓名</source>
        <translation>CRM customer name</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>客户类型</source>
        <translation>Customer type</translation>
    </message>
    <message>
        <source>推荐项目</source>
        <translation>Recommended project</translation>
    </message>
    <message>
        <source>跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>卡片时长(秒)</source>
        <translation>Time on card (s)</translation>
    </message>
    <message>
        <source>拨号到结果(秒)</source>
        <translation>Dial to result (s)</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <source>客户姓名</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <source>手机号或固话</source>
        <translation>Mobile or landline</translation>
    </message>
    <message>
        <source>推荐项目</source>
        <translation>Recommended project</translation>
    </message>
    <message>
        <source>跟进内容（可不填）</source>
        <translation>Follow-up (optional)</translation>
    </message>
    <message>
        <source>保存 (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>取消 (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>客户类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>跟进</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>添加到电子客</source>
        <translation>Add to CRM</translation>
    </message>
    <message>
        <source>（性别列表未取得）</source>
        <translation>(gender list not loaded)</translation>
    </message>
    <message>
        <source>（客户类型列表未取得）</source>
        <translation>(type list not loaded)</translation>
    </message>
</context>
<context>
    <name>DemoMark</name>
    <message>
        <source>演示模式 — 本机演示服务器，数据不是真实的</source>
        <translation>Demo mode — local demo server, the data is not real</translation>
    </message>
</context>
<context>
    <name>DiagnosticsExport</name>
    <message>
        <source>导出诊断包</source>
        <translation>Export diagnostics</translation>
    </message>
    <message>
        <source>压缩包 (*.zip)</source>
        <translation>Zip archives (*.zip)</translation>
    </message>
    <message>
        <source>诊断包已导出</source>
        <translation>Diagnostics exported</translation>
    </message>
    <message>
        <source>诊断包已保存到：
%1

请把这个文件发给 IT。</source>
        <translation>The diagnostics were saved to:
%1

Please send this file to IT.</translation>
    </message>
    <message>
        <source>诊断包没有导出</source>
        <translation>Diagnostics not exported</translation>
    </message>
    <message>
        <source>无法写入 %1：%2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
</context>
<context>
    <name>FollowUps</name>
    <message>
        <source>回访没有保存！%1</source>
        <translation>Callback NOT saved! %1</translation>
    </message>
    <message>
        <source>已预约回访：%1，%2</source>
        <translation>Callback scheduled: %1, %2</translation>
    </message>
    <message>
        <source>回访到期：%1 %2 — 下一个号码就是它</source>
        <translation>Callback due: %1 %2 — it is your next number</translation>
    </message>
    <message>
        <source>回访到期 %1 个 (%2)</source>
        <translation>%1 callbacks due (%2)</translation>
    </message>
    <message>
        <source>预约回访 %1</source>
        <translation>Callback %1</translation>
    </message>
    <message>
        <source>：%1</source>
        <translation>: %1</translation>
    </message>
    <message>
        <source>本机已打过 %1 次，上次 %2：%3</source>
        <translation>Called %1 times before on this PC, last %2: %3</translation>
    </message>
    <message>
        <source>备注没有保存！%1</source>
        <translation>Note NOT saved! %1</translation>
    </message>
    <message>
        <source>备注已保存（只在本机）</source>
        <translation>Note saved (on this PC only)</translation>
    </message>
    <message>
        <source>没有号码：先显示一个号码，或先打完一个电话</source>
        <translation>No number: show a number first, or finish a call first</translation>
    </message>
</context>
<context>
    <name>FollowUpsPanel</name>
    <message>
        <source>预约回访 (%1)</source>
        <translation>Callback (%1)</translation>
    </message>
    <message>
        <source>备注 (%1)</source>
        <translation>Note (%1)</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <source>全部日期</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>昨天</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>自选</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>搜索电话号码或姓名的任意部分</source>
        <translation>Search any part of a phone number or a name</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>选中一行，查看这个号码的全部通话、电子客、回访和备注</source>
        <translation>Select a row to see every call, customer, callback and note of that number</translation>
    </message>
    <message>
        <source>更多…</source>
        <translation>More…</translation>
    </message>
    <message>
        <source>全部项目</source>
        <translation>All projects</translation>
    </message>
    <message>
        <source>全部结果</source>
        <translation>All results</translation>
    </message>
    <message>
        <source>已显示 %1 条</source>
        <translation>%1 shown</translation>
    </message>
    <message>
        <source>没有找到通话</source>
        <translation>No calls found</translation>
    </message>
    <message>
        <source>电子客</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>(无姓名)</source>
        <translation>(no name)</translation>
    </message>
</context>
<context>
    <name>HourChart</name>
    <message>
        <source>%1:00–%2:00：%3 通</source>
        <translation>%1:00–%2:00 — calls: %3</translation>
    </message>
    <message>
        <source>目标 %1</source>
        <translation>Goal %1</translation>
    </message>
</context>
<context>
    <name>KeyHelp</name>
    <message>
        <source>记录通话结果</source>
        <translation>Record the call result</translation>
    </message>
    <message>
        <source>跳过，取下一个号码</source>
        <translation>Skip, next number</translation>
    </message>
    <message>
        <source>复制号码</source>
        <translation>Copy number</translation>
    </message>
    <message>
        <source>拨号</source>
        <translation>Dial</translation>
    </message>
    <message>
        <source>添加到电子客</source>
        <translation>Add to CRM</translation>
    </message>
    <message>
        <source>保存 / 取消电子客</source>
        <translation>Save / cancel CRM form</translation>
    </message>
    <message>
        <source>撤销刚记录的反馈或电子客(发出之前)</source>
        <translation>Undo the feedback or customer just recorded (before it is sent)</translation>
    </message>
    <message>
        <source>打电话 / 队列 / 统计</source>
        <translation>Calls / Queue / Statistics</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>快捷键</source>
        <translation>Shortcuts</translation>
    </message>
    <message>
        <source>上一个通话添加到电子客</source>
        <translation>Previous call to CRM</translation>
    </message>
    <message>
        <source>更正上一个通话的结果</source>
        <translation>Correct the previous call’s result</translation>
    </message>
</context>
<context>
    <name>LoginHints</name>
    <message>
        <source>请再试一次；仍然失败时，请联系 IT(可在命令提示符中运行 estate-call --check-server 检查连接)。</source>
        <translation>Try again; if it still fails, contact IT (estate-call --check-server in a command prompt checks the connection).</translation>
    </message>
    <message>
        <source>请输入工号后再登录。</source>
        <translation>Enter your staff number, then log in.</translation>
    </message>
    <message>
        <source>请输入上次在这台电脑联网登录时用的密码；忘记密码请联系主管，并在联网后登录。</source>
        <translation>Enter the password of your last online login on this PC; if you forgot it, ask your supervisor and log in once the network is back.</translation>
    </message>
    <message>
        <source>请点“设置服务器…”填写服务器地址(地址由 IT 提供)。</source>
        <translation>Click “Set server…” and enter the server address (IT gives it to you).</translation>
    </message>
    <message>
        <source>请检查网络后重试；仍然不行时，请在 设置… 中点“测试连接”，把结果告诉 IT。</source>
        <translation>Check the network and try again; if it still fails, click “Test connection” in Settings… and tell IT the result.</translation>
    </message>
    <message>
        <source>请重新输入工号和密码登录。</source>
        <translation>Enter your staff number and password again to log in.</translation>
    </message>
    <message>
        <source>请检查工号和密码后重试；忘记密码或工号被停用，请联系主管。</source>
        <translation>Check your staff number and password and try again; if you forgot the password or the number is disabled, ask your supervisor.</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <source>例如 00006</source>
        <translation>e.g. 00006</translation>
    </message>
    <message>
        <source>记住工号</source>
        <translation>Remember agent ID</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>工号</source>
        <translation>Agent ID</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>电话营销</source>
        <translation>Telemarketing</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>请输入工号</source>
        <translation>Enter your agent ID</translation>
    </message>
    <message>
        <source>请输入密码</source>
        <translation>Enter your password</translation>
    </message>
    <message>
        <source>登录失败：%1</source>
        <translation>Login failed: %1</translation>
    </message>
    <message>
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
    <message>
        <source>未设置服务器</source>
        <translation>No server set</translation>
    </message>
    <message>
        <source>服务器：%1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>(未加密)</source>
        <translation>(not encrypted)</translation>
    </message>
</context>
<context>
    <name>Message</name>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>连接服务器超时</source>
        <translation>Connecting to the server timed out</translation>
    </message>
    <message>
        <source>等待可用连接超时</source>
        <translation>Timed out waiting for a free connection</translation>
    </message>
    <message>
        <source>无法连接服务器(连接被拒绝或网络不通)</source>
        <translation>Cannot reach the server (connection refused or no network)</translation>
    </message>
    <message>
        <source>服务器地址无效</source>
        <translation>The server address is not valid</translation>
    </message>
    <message>
        <source>请求失败: %1</source>
        <translation>Request failed: %1</translation>
    </message>
    <message>
        <source>服务器回复 HTTP %1</source>
        <translation>The server answered HTTP %1</translation>
    </message>
    <message>
        <source>回复不是 JSON: %1</source>
        <translation>The reply is not JSON: %1</translation>
    </message>
    <message>
        <source>回复为空</source>
        <translation>The reply is empty</translation>
    </message>
    <message>
        <source>证书验证失败: %1(%2)</source>
        <translation>Certificate check failed: %1 (%2)</translation>
    </message>
    <message>
        <source>证书验证失败: %1(%2)；如公司使用自己的证书，请在设置中指定公司 CA 证书</source>
        <translation>Certificate check failed: %1 (%2); if the company uses its own certificates, set the company CA certificate in Settings</translation>
    </message>
    <message>
        <source>加密连接(https)失败: %1(服务器可能不支持 https，或地址的端口不对)</source>
        <translation>Secure connection (https) failed: %1 (the server may not support https, or the port in the address is wrong)</translation>
    </message>
    <message>
        <source>服务器证书不可信</source>
        <translation>the server&apos;s certificate is not trusted</translation>
    </message>
    <message>
        <source>服务器证书尚未生效(请检查本机的日期和时间)</source>
        <translation>the server&apos;s certificate is not valid yet (check this PC&apos;s date and time)</translation>
    </message>
    <message>
        <source>服务器证书已过期</source>
        <translation>the server&apos;s certificate has expired</translation>
    </message>
    <message>
        <source>服务器使用自签名证书，本机不信任它</source>
        <translation>the server uses a self-signed certificate this PC does not trust</translation>
    </message>
    <message>
        <source>服务器证书链中有本机不信任的自签名证书</source>
        <translation>the server&apos;s certificate chain holds a self-signed certificate this PC does not trust</translation>
    </message>
    <message>
        <source>服务器证书的签发机构不受本机信任</source>
        <translation>the issuer of the server&apos;s certificate is not trusted by this PC</translation>
    </message>
    <message>
        <source>服务器证书与地址中的主机名不符</source>
        <translation>the server&apos;s certificate does not match the host name in the address</translation>
    </message>
    <message>
        <source>服务器证书与地址中的 IP 不符</source>
        <translation>the server&apos;s certificate does not match the IP in the address</translation>
    </message>
    <message>
        <source>等待服务器回复超时</source>
        <translation>Timed out waiting for the server&apos;s reply</translation>
    </message>
    <message>
        <source>连接中断，没有收到回复</source>
        <translation>The connection broke before a reply arrived</translation>
    </message>
    <message>
        <source>服务器的回复过大，已停止接收 (%1)</source>
        <translation>The server&apos;s reply was too large; reading stopped (%1)</translation>
    </message>
    <message>
        <source>服务器的回复层次过深，无法读取</source>
        <translation>The server&apos;s reply was nested too deeply to read</translation>
    </message>
    <message>
        <source>服务器的回复含有无法识别的字符</source>
        <translation>The server&apos;s reply held characters that could not be decoded</translation>
    </message>
    <message>
        <source>服务器的回复经过了未约定的压缩 (%1)</source>
        <translation>The server&apos;s reply was compressed without being asked to (%1)</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>The server says: %1</translation>
    </message>
    <message>
        <source>服务器拒绝(无说明)</source>
        <translation>Refused by the server (no reason given)</translation>
    </message>
    <message>
        <source>服务器回复异常: %1</source>
        <translation>The server&apos;s reply was not understood: %1</translation>
    </message>
    <message>
        <source>无法写入本地数据库(磁盘已满): %1</source>
        <translation>Cannot write the local database (disk full): %1</translation>
    </message>
    <message>
        <source>无法写入本地数据库(磁盘已满或只读): %1</source>
        <translation>Cannot write the local database (disk full or read-only): %1</translation>
    </message>
    <message>
        <source>本地数据库正忙，请稍后再试: %1</source>
        <translation>The local database is busy; try again in a moment: %1</translation>
    </message>
    <message>
        <source>本地数据库文件已损坏，请重新启动程序: %1</source>
        <translation>The local database file is damaged; please restart the program: %1</translation>
    </message>
    <message>
        <source>本地数据库出错: %1</source>
        <translation>Local database error: %1</translation>
    </message>
    <message>
        <source>无法打开本地数据库 %1: %2</source>
        <translation>Cannot open the local database %1: %2</translation>
    </message>
    <message>
        <source>本地数据库已关闭</source>
        <translation>The local database is closed</translation>
    </message>
    <message>
        <source>无法缓存 %1: %2</source>
        <translation>Cannot cache %1: %2</translation>
    </message>
    <message>
        <source>无法保存：内容无法转换为发送格式 (%1)</source>
        <translation>Not saved: the content cannot be converted for sending (%1)</translation>
    </message>
    <message>
        <source>找不到这条记录</source>
        <translation>This record cannot be found</translation>
    </message>
    <message>
        <source>这条记录当前为「%1」，不能重新发送</source>
        <translation>This record is now “%1” and cannot be sent again</translation>
    </message>
    <message>
        <source>这条记录当前为「%1」，不能放弃</source>
        <translation>This record is now “%1” and cannot be discarded</translation>
    </message>
    <message>
        <source>待同步</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>发送中</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>不确定(将重试)</source>
        <translation>Uncertain (will retry)</translation>
    </message>
    <message>
        <source>已同步</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>已同步(可能重复)</source>
        <translation>Synced (may be a duplicate)</translation>
    </message>
    <message>
        <source>需处理</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>已放弃</source>
        <translation>Discarded</translation>
    </message>
    <message>
        <source>未确认(将重试)</source>
        <translation>Unconfirmed (will retry)</translation>
    </message>
    <message>
        <source>未设置服务器地址</source>
        <translation>No server address is set</translation>
    </message>
    <message>
        <source>无法连接服务器</source>
        <translation>Cannot reach the server</translation>
    </message>
    <message>
        <source>服务器回复异常</source>
        <translation>The server&apos;s reply was not understood</translation>
    </message>
    <message>
        <source>同步时程序出错 (%1)，稍后自动重试</source>
        <translation>The program failed while syncing (%1); it will retry by itself</translation>
    </message>
    <message>
        <source>%1，且本机没有该工号的离线登录记录</source>
        <translation>%1, and this PC has no offline login record for this agent ID</translation>
    </message>
    <message>
        <source>密码与本机保存的离线登录记录不符</source>
        <translation>The password does not match the offline login record on this PC</translation>
    </message>
    <message>
        <source>服务器上的工号信息已变化，请重新登录</source>
        <translation>The agent ID has changed on the server; please log in again</translation>
    </message>
    <message>
        <source>请输入工号</source>
        <translation>Enter your agent ID</translation>
    </message>
    <message>
        <source>客户姓名</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <source>推荐项目</source>
        <translation>Recommended project</translation>
    </message>
    <message>
        <source>跟进内容</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>请输入客户姓名</source>
        <translation>Enter the customer&apos;s name</translation>
    </message>
    <message>
        <source>请输入推荐项目</source>
        <translation>Enter the recommended project</translation>
    </message>
    <message>
        <source>请输入电话号码</source>
        <translation>Enter the phone number</translation>
    </message>
    <message>
        <source>请输入手机号或带区号的固话，如 13800138000 或 020-12345678</source>
        <translation>Enter a mobile number or a landline with area code, e.g. 13800138000 or 020-12345678</translation>
    </message>
    <message>
        <source>尚未取得性别列表，请联网后重试</source>
        <translation>The gender list has not been loaded yet; try again when online</translation>
    </message>
    <message>
        <source>请选择性别</source>
        <translation>Choose a gender</translation>
    </message>
    <message>
        <source>尚未取得客户类型列表，请联网后重试</source>
        <translation>The customer type list has not been loaded yet; try again when online</translation>
    </message>
    <message>
        <source>请选择客户类型</source>
        <translation>Choose a customer type</translation>
    </message>
    <message>
        <source>%1最多 %2 个字，现在有 %3 个</source>
        <translation>%1: at most %2 characters (now %3)</translation>
    </message>
    <message>
        <source>不能包含表情符号</source>
        <translation>Must not contain emoji</translation>
    </message>
    <message>
        <source>不能包含换行、制表符等控制字符</source>
        <translation>Must not contain line breaks, tabs or other control characters</translation>
    </message>
    <message>
        <source>含有服务器无法保存的字符（第 %1 个字）</source>
        <translation>Contains a character the server cannot store (character %1)</translation>
    </message>
    <message>
        <source>%1不能包含表情符号</source>
        <translation>%1 must not contain emoji</translation>
    </message>
    <message>
        <source>%1不能包含换行、制表符等控制字符</source>
        <translation>%1 must not contain line breaks, tabs or other control characters</translation>
    </message>
    <message>
        <source>%1含有服务器无法保存的字符（第 %2 个字）</source>
        <translation>%1 contains a character the server cannot store (character %2)</translation>
    </message>
    <message>
        <source>演示服务器: %1  (工号 00006 密码 888)</source>
        <translation>Demo server: %1  (agent ID 00006, password 888)</translation>
    </message>
    <message>
        <source>服务器地址无效: %1 (应类似 http://127.0.0.1:8080/estate)</source>
        <translation>The server address is not valid: %1 (it should look like http://127.0.0.1:8080/estate)</translation>
    </message>
    <message>
        <source>检查服务器 %1</source>
        <translation>Checking the server %1</translation>
    </message>
    <message>
        <source>服务器没有回应 (等待 %1 秒): %2</source>
        <translation>The server did not answer (waited %1 s): %2</translation>
    </message>
    <message>
        <source>服务器的回复无法使用: %1</source>
        <translation>The server&apos;s reply could not be used: %1</translation>
    </message>
    <message>
        <source>服务器拒绝: %1</source>
        <translation>Refused by the server: %1</translation>
    </message>
    <message>
        <source>服务器回复的格式不对: %1</source>
        <translation>The server&apos;s reply has the wrong shape: %1</translation>
    </message>
    <message>
        <source>服务器地址: %1</source>
        <translation>Server address: %1</translation>
    </message>
    <message>
        <source>服务器地址: (空)</source>
        <translation>Server address: (empty)</translation>
    </message>
    <message>
        <source>%1 无法使用，改用入口地址 %2</source>
        <translation>%1 does not work; using the entry address %2</translation>
    </message>
    <message>
        <source>%1 种反馈: %2</source>
        <translation>%1 feedback items: %2</translation>
    </message>
    <message>
        <source>客户类型: %1</source>
        <translation>Customer types: %1</translation>
    </message>
    <message>
        <source>性别: %1</source>
        <translation>Genders: %1</translation>
    </message>
    <message>
        <source>(空列表)</source>
        <translation>(empty list)</translation>
    </message>
    <message>
        <source>登录成功: %1 (user_id %2)</source>
        <translation>Logged in: %1 (user_id %2)</translation>
    </message>
    <message>
        <source>用户状态: %1</source>
        <translation>User status: %1</translation>
    </message>
    <message>
        <source>%1 个联动项目</source>
        <translation>%1 projects</translation>
    </message>
    <message>
        <source>结论: 全部 %1 项正常。</source>
        <translation>Result: all %1 checks passed.</translation>
    </message>
    <message>
        <source>结论: %1 项失败。首个问题: %2 — %3</source>
        <translation>Result: %1 check(s) failed. First problem: %2 — %3</translation>
    </message>
    <message>
        <source>工号 %1 的密码(输入时不显示): </source>
        <translation>Password for staff number %1 (not shown while typed): </translation>
    </message>
    <message>
        <source>--user 需要密码，但没有可输入密码的终端。请在命令提示符窗口中运行(会提示输入密码，不显示)，或在脚本中加 --password</source>
        <translation>--user needs a password, but there is no terminal to type it in. Run it in a command prompt window (it asks for the password without showing it), or add --password in a script</translation>
    </message>
    <message>
        <source>未设置服务器地址: 请用 --server 指定，或在配置文件中设置 server_url</source>
        <translation>No server address is set: give one with --server, or set server_url in the configuration file</translation>
    </message>
    <message>
        <source>已发送 %1 条，需处理 %2 条，仍待同步 %3 条</source>
        <translation>Sent %1, needing attention %2, still to sync %3</translation>
    </message>
    <message>
        <source>已发送 %1 条，需处理 %2 条，仍待同步 %3 条；服务器无法连接: %4</source>
        <translation>Sent %1, needing attention %2, still to sync %3; the server cannot be reached: %4</translation>
    </message>
    <message>
        <source>自检通过: 登录、领号、反馈、添加电子客、同步全部正常 (%1 ms)</source>
        <translation>Self-test passed: login, getting a phone, feedback, adding to CRM and syncing all work (%1 ms)</translation>
    </message>
    <message>
        <source>自检失败: 第「%1」步没有完成</source>
        <translation>Self-test failed: the step “%1” did not finish</translation>
    </message>
    <message>
        <source>自检失败: 「%1」出错: %2</source>
        <translation>Self-test failed: “%1” went wrong: %2</translation>
    </message>
    <message>
        <source>添加电子客: %1</source>
        <translation>Add to CRM: %1</translation>
    </message>
    <message>
        <source>服务器收到的反馈不对: %1</source>
        <translation>The server received the wrong feedback: %1</translation>
    </message>
    <message>
        <source>启动</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>领取号码</source>
        <translation>Get a phone</translation>
    </message>
    <message>
        <source>读取反馈类型</source>
        <translation>Read the feedback items</translation>
    </message>
    <message>
        <source>记录反馈</source>
        <translation>Record a feedback</translation>
    </message>
    <message>
        <source>反馈按钮可用</source>
        <translation>Feedback button enabled</translation>
    </message>
    <message>
        <source>下一个号码</source>
        <translation>Next phone</translation>
    </message>
    <message>
        <source>添加电子客</source>
        <translation>Add to CRM</translation>
    </message>
    <message>
        <source>电子客表单</source>
        <translation>CRM form</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>同步到服务器</source>
        <translation>Sync to the server</translation>
    </message>
    <message>
        <source>队列清空</source>
        <translation>Queue empty</translation>
    </message>
    <message>
        <source>这条记录当前为「%1」，不能更正</source>
        <translation>This record is now “%1” and cannot be corrected</translation>
    </message>
    <message>
        <source>无法使用本地数据库: %1 是一个文件夹，而不是数据库文件。请移走或改名这个文件夹，或用 --data-dir 指定别的数据文件夹</source>
        <translation>Cannot use the local database: %1 is a folder, not a database file. Move or rename that folder, or choose another data folder with --data-dir</translation>
    </message>
    <message>
        <source>无法使用本地数据库: 数据文件夹 %1 是只读的(不能写入)。请让它可写，或用 --data-dir 指定别的数据文件夹</source>
        <translation>Cannot use the local database: the data folder %1 is read-only (cannot be written). Make it writable, or choose another data folder with --data-dir</translation>
    </message>
    <message>
        <source>无法使用本地数据库: 数据库文件 %1 是只读的(不能写入)。请让它可写，或用 --data-dir 指定别的数据文件夹</source>
        <translation>Cannot use the local database: the database file %1 is read-only (cannot be written). Make it writable, or choose another data folder with --data-dir</translation>
    </message>
    <message>
        <source>本地数据库文件已损坏，已移到 %1 保存，并新建了数据库。已从中找回 %2 条待同步或已同步的记录。</source>
        <translation>The local database file was damaged. It was moved to %1 and a new database was created. %2 queued or synced record(s) were recovered from it.</translation>
    </message>
    <message>
        <source>未设置服务器地址，无法把记录改发到当前服务器</source>
        <translation>No server address is set, so the records cannot be sent to the current server</translation>
    </message>
    <message>
        <source>本数据文件夹的程序正在运行，已由它完成同步:</source>
        <translation>The program is running for this data folder; it did the sync:</translation>
    </message>
    <message>
        <source>另有 %1 条记录是为服务器 %2 记录的，不会发往当前设置的服务器；请在队列页面选择改发到当前服务器或放弃</source>
        <translation>%1 more record(s) were made for the server %2 and are not sent to the server set now; in the queue view, send them to the current server or discard them</translation>
    </message>
    <message>
        <source>数据文件夹 %1 是只读的: 只读取了数量，没有做任何修改</source>
        <translation>The data folder %1 is read-only: the counts were read, nothing was changed</translation>
    </message>
    <message>
        <source>程序已在运行，已切换到它的窗口</source>
        <translation>The program is already running; its window was brought to the front</translation>
    </message>
    <message>
        <source>程序已在为数据文件夹 %1 运行，但它没有回应。请切换到它的窗口，或结束它后再启动</source>
        <translation>The program is already running for the data folder %1 but does not answer. Switch to its window, or end it and start again</translation>
    </message>
    <message>
        <source>程序无法启动</source>
        <translation>The program cannot start</translation>
    </message>
</context>
<context>
    <name>NoServerPanel</name>
    <message>
        <source>还没有设置服务器，暂时不能登录。</source>
        <translation>No server is set yet, so you cannot log in.</translation>
    </message>
    <message>
        <source>设置服务器…</source>
        <translation>Set server…</translation>
    </message>
    <message>
        <source>IT：可在程序文件旁的 default_config.toml 中写入 server_url，或设置环境变量 ESTATE_SERVER_URL，所有电脑即自动使用该服务器。</source>
        <translation>IT: put server_url in default_config.toml beside the program, or set the environment variable ESTATE_SERVER_URL, and every PC uses that server.</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>备注只保存在本机，不会发送；回车保存，Esc 取消</source>
        <translation>Notes stay on this PC and are never sent; Enter saves, Esc cancels</translation>
    </message>
    <message>
        <source>保存备注</source>
        <translation>Save note</translation>
    </message>
    <message>
        <source>备注 %1：</source>
        <translation>Note %1:</translation>
    </message>
</context>
<context>
    <name>NumberHistory</name>
    <message>
        <source>待回访</source>
        <translation>open</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>done</translation>
    </message>
    <message>
        <source>已取消</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>(无姓名)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>通话 %1 次</source>
        <translation>%1 calls</translation>
    </message>
    <message>
        <source>备注：%1</source>
        <translation>Note: %1</translation>
    </message>
    <message>
        <source>电子客</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Callbacks</translation>
    </message>
</context>
<context>
    <name>OtherServersBar</name>
    <message>
        <source>改发到当前服务器</source>
        <translation>Send to the current server</translation>
    </message>
    <message>
        <source>放弃这些记录</source>
        <translation>Discard these records</translation>
    </message>
    <message>
        <source>%1 条记录是为服务器 %2 记录的，不会发往当前设置的服务器 %3。</source>
        <translation>%1 record(s) were made for the server %2 and are not sent to the server set now, %3.</translation>
    </message>
    <message>
        <source>(未设置)</source>
        <translation>(not set)</translation>
    </message>
</context>
<context>
    <name>PhoneCardView</name>
    <message>
        <source>复制号码 (%1)</source>
        <translation>Copy number (%1)</translation>
    </message>
    <message>
        <source>拨号 (%1)</source>
        <translation>Dial (%1)</translation>
    </message>
    <message>
        <source>下一个号码 (%1)</source>
        <translation>Next number (%1)</translation>
    </message>
    <message>
        <source>(无姓名)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>备用号码: %1</source>
        <translation>In reserve: %1</translation>
    </message>
    <message>
        <source>正在获取…</source>
        <translation>Getting…</translation>
    </message>
    <message>
        <source>号码已复制</source>
        <translation>Number copied</translation>
    </message>
    <message>
        <source>这台电脑上没有程序能打开“%1:”链接(没有装好软电话？)</source>
        <translation>no program on this PC opens “%1:” links (is a softphone installed?)</translation>
    </message>
    <message>
        <source>拨号链接无效</source>
        <translation>the dial link is not valid</translation>
    </message>
    <message>
        <source>拨号失败：%1。拨号链接模板：%2。请让 IT 安装或设置软电话，或在 设置… 中修改拨号链接模板；也可以按 %3 复制号码后手工拨打。</source>
        <translation>Dialling failed: %1. Dial link template: %2. Ask IT to install or set up the softphone, or change the dial link template in Settings…; you can also press %3 to copy the number and dial by hand.</translation>
    </message>
    <message>
        <source>已显示 %1</source>
        <translation>Shown for %1</translation>
    </message>
</context>
<context>
    <name>Pickers</name>
    <message>
        <source>项目(&amp;P)</source>
        <translation>&amp;Project</translation>
    </message>
    <message>
        <source>信息包(&amp;K)</source>
        <translation>Pac&amp;kage</translation>
    </message>
    <message>
        <source>(没有在推的项目)</source>
        <translation>(no current projects)</translation>
    </message>
    <message>
        <source>不在推广日期内</source>
        <translation>Outside its promotion dates</translation>
    </message>
    <message>
        <source>(没有信息包)</source>
        <translation>(no packages)</translation>
    </message>
</context>
<context>
    <name>PreviousCallStrip</name>
    <message>
        <source>添加到电子客 (%1)</source>
        <translation>Add to CRM (%1)</translation>
    </message>
    <message>
        <source>更正 (%1)</source>
        <translation>Correct (%1)</translation>
    </message>
    <message>
        <source>上一个：</source>
        <translation>Previous:</translation>
    </message>
    <message>
        <source>%1  %2  %3  %4</source>
        <translation>%1  %2  %3  %4</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>客户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>服务器消息</source>
        <translation>Server message</translation>
    </message>
    <message>
        <source>反馈</source>
        <translation>Feedback</translation>
    </message>
    <message>
        <source>电子客</source>
        <translation>CRM</translation>
    </message>
    <message>
        <source>已尝试 %1 次</source>
        <translation>Attempts: %1</translation>
    </message>
</context>
<context>
    <name>QueueView</name>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>修改后重发</source>
        <translation>Edit and resend</translation>
    </message>
    <message>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>今日记录</source>
        <translation>Today&apos;s records</translation>
    </message>
    <message>
        <source>无法读取本地记录：%1</source>
        <translation>Cannot read the local records: %1</translation>
    </message>
    <message>
        <source>放弃后这条记录不会再发送到服务器（本机保留记录）。
%1
确定放弃吗？</source>
        <translation>A discarded record is never sent to the server (this PC keeps a copy).
%1
Discard it?</translation>
    </message>
    <message>
        <source>放弃这条记录</source>
        <translation>Discard this record</translation>
    </message>
    <message>
        <source>坐席放弃；服务器消息：%1</source>
        <translation>Discarded by the agent; server message: %1</translation>
    </message>
    <message>
        <source>已放弃</source>
        <translation>Discarded</translation>
    </message>
    <message>
        <source>这条记录已不需要处理</source>
        <translation>This record no longer needs attention</translation>
    </message>
    <message>
        <source>已放回待同步队列</source>
        <translation>Put back in the queue</translation>
    </message>
    <message>
        <source>操作未完成：%1</source>
        <translation>Not done: %1</translation>
    </message>
    <message>
        <source>共 %1 条，已同步 %2，待同步 %3，需处理 %4</source>
        <translation>Total %1 · synced %2 · queued %3 · needs attention %4</translation>
    </message>
</context>
<context>
    <name>RangeExport</name>
    <message>
        <source>通话记录-%1.csv</source>
        <translation>calls-%1.csv</translation>
    </message>
    <message>
        <source>通话记录-%1至%2.csv</source>
        <translation>call-log-%1-to-%2.csv</translation>
    </message>
    <message>
        <source>导出通话记录</source>
        <translation>Export the call log</translation>
    </message>
    <message>
        <source>CSV 文件 (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>已导出 %1 条记录：%2</source>
        <translation>Exported %1 record(s) to %2</translation>
    </message>
    <message>
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
</context>
<context>
    <name>RangePicker</name>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>昨天</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>自选</source>
        <translation>Custom</translation>
    </message>
</context>
<context>
    <name>ResendPanel</name>
    <message>
        <source>修改电子客后重发</source>
        <translation>Edit CRM customer and resend</translation>
    </message>
    <message>
        <source>重新发送 (Enter)</source>
        <translation>Resend (Enter)</translation>
    </message>
</context>
<context>
    <name>ServerMoves</name>
    <message>
        <source>坐席改发：%1 → %2</source>
        <translation>Sent on by the agent: %1 → %2</translation>
    </message>
    <message>
        <source>已改发 %1 条记录到当前服务器</source>
        <translation>%1 record(s) will be sent to the current server</translation>
    </message>
    <message>
        <source>放弃后，这 %1 条为服务器 %2 记录的记录不会再发送（本机保留记录）。确定放弃吗？</source>
        <translation>Once discarded, these %1 record(s) made for the server %2 are no longer sent (this PC keeps them). Discard them?</translation>
    </message>
    <message>
        <source>放弃这些记录</source>
        <translation>Discard these records</translation>
    </message>
    <message>
        <source>坐席放弃：为服务器 %1 记录，服务器设置已更换</source>
        <translation>Discarded by the agent: made for the server %1; the server setting has changed</translation>
    </message>
    <message>
        <source>已放弃 %1 条记录</source>
        <translation>%1 record(s) discarded</translation>
    </message>
    <message>
        <source>操作未完成：%1</source>
        <translation>Not done: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>演示模式(本机演示服务器)</source>
        <translation>demo mode (the built-in demo server)</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>机器编号</source>
        <translation>Machine number</translation>
    </message>
    <message>
        <source>连接超时</source>
        <translation>Connect timeout</translation>
    </message>
    <message>
        <source>等待回复超时</source>
        <translation>Reply timeout</translation>
    </message>
    <message>
        <source>单次请求总时限</source>
        <translation>Time limit of one request</translation>
    </message>
    <message>
        <source>先填电子客的反馈</source>
        <translation>Feedbacks that open the form first</translation>
    </message>
    <message>
        <source>撤销等待秒数</source>
        <translation>Undo window</translation>
    </message>
    <message>
        <source>回访：今天下班前</source>
        <translation>Callback: before the end of today</translation>
    </message>
    <message>
        <source>回访：明天上午</source>
        <translation>Callback: tomorrow morning</translation>
    </message>
    <message>
        <source>回访：明天下午</source>
        <translation>Callback: tomorrow afternoon</translation>
    </message>
    <message>
        <source>本机记录保留天数</source>
        <translation>Days kept on this PC</translation>
    </message>
    <message>
        <source>每小时通话目标</source>
        <translation>Calls per hour goal</translation>
    </message>
    <message>
        <source>计入接受邀请率的反馈</source>
        <translation>Feedbacks counted as accepted</translation>
    </message>
    <message>
        <source>反馈后自动显示下一个号码</source>
        <translation>Show the next number after a feedback</translation>
    </message>
    <message>
        <source>备用号码数量</source>
        <translation>Phones in reserve</translation>
    </message>
    <message>
        <source>显示已过期项目</source>
        <translation>Show expired projects</translation>
    </message>
    <message>
        <source>拨号链接模板</source>
        <translation>Dial link template</translation>
    </message>
    <message>
        <source>公司 CA 证书</source>
        <translation>Company CA certificate</translation>
    </message>
    <message>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>这个文件不是 PEM 格式的 CA 证书</source>
        <translation>This file is not a CA certificate in PEM format</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>0 表示不预取号码</source>
        <translation>0 turns the reserve off</translation>
    </message>
    <message>
        <source>不填则只信任公共证书机构</source>
        <translation>Leave empty to trust public CAs only</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>打电话</source>
        <translation>Calling</translation>
    </message>
    <message>
        <source>回访与统计</source>
        <translation>Callbacks and statistics</translation>
    </message>
    <message>
        <source>由%1 设定</source>
        <translation>Set by %1</translation>
    </message>
    <message>
        <source>部分设置在重新启动程序后生效</source>
        <translation>Some settings take effect after a restart</translation>
    </message>
    <message>
        <source>设置保存在：%1</source>
        <translation>Settings are saved in: %1</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source> 秒</source>
        <translation> s</translation>
    </message>
    <message>
        <source>一次请求从连接到收完回复最多等这么久</source>
        <translation>The longest one request may take, from connecting to the last byte of the answer</translation>
    </message>
    <message>
        <source>按这些反馈键时先打开电子客表单，保存或取消后才显示下一个号码</source>
        <translation>These feedback keys open the customer form first; the next number comes once it is saved or cancelled</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Off</translation>
    </message>
    <message>
        <source>反馈或电子客保存后等这么久再发送，其间可按 Ctrl+Z 撤销；0 表示关闭</source>
        <translation>A feedback or a customer save waits this long before it is sent, and Ctrl+Z takes it back meanwhile; 0 turns it off</translation>
    </message>
    <message>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <source>回访、通话历史和备注只存在本机；更早的在程序启动时删除</source>
        <translation>Callbacks, call history and notes are kept on this PC only; older ones are removed when the program starts</translation>
    </message>
    <message>
        <source> 通</source>
        <translation> calls</translation>
    </message>
    <message>
        <source>不设目标</source>
        <translation>No goal</translation>
    </message>
    <message>
        <source>统计的每小时图表上画一条目标线；0 表示不设</source>
        <translation>Draws a goal line on the hourly chart of Statistics; 0 means no goal</translation>
    </message>
    <message>
        <source>统计的接受邀请率数这些反馈</source>
        <translation>The feedbacks Statistics counts as accepted invitations</translation>
    </message>
    <message>
        <source>有设置项不正确，请按红字修改后再保存</source>
        <translation>Some settings are not valid; correct the ones in red, then save</translation>
    </message>
    <message>
        <source>设置没有保存：%1</source>
        <translation>Settings not saved: %1</translation>
    </message>
    <message>
        <source>选择公司 CA 证书</source>
        <translation>Choose the company CA certificate</translation>
    </message>
    <message>
        <source>证书 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <source>例如：接受邀请、继续跟进</source>
        <translation>Feedback names, comma-separated</translation>
    </message>
</context>
<context>
    <name>StatsWords</name>
    <message>
        <source>今日 %1 %2</source>
        <translation>Today, %2 %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 至 %2（%3 天）</source>
        <translation>%1 to %2 (%3 days)</translation>
    </message>
    <message>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>今天还没有通话记录。</source>
        <translation>No calls yet today.</translation>
    </message>
    <message>
        <source>这段时间没有通话记录。</source>
        <translation>No calls in these days.</translation>
    </message>
    <message>
        <source>有通话的天数 %1</source>
        <translation>Days with calls %1</translation>
    </message>
    <message>
        <source>接受邀请 %1 通</source>
        <translation>%1 accepted invitations</translation>
    </message>
    <message>
        <source>通话总时长 %1</source>
        <translation>Total time %1</translation>
    </message>
    <message>
        <source>每小时图表为平均每天</source>
        <translation>hourly chart: an average day</translation>
    </message>
    <message>
        <source>第一通 %1</source>
        <translation>First call %1</translation>
    </message>
    <message>
        <source>最后一通 %1</source>
        <translation>Last call %1</translation>
    </message>
    <message>
        <source>卡片时长合计 %1</source>
        <translation>Time on card in all %1</translation>
    </message>
    <message>
        <source>拨号到结果 平均 %1（%2 通用拨号键）</source>
        <translation>Dial to result, average %1 (%2 calls dialled with the key)</translation>
    </message>
    <message>
        <source>最忙 %1:00–%2:00（%3 通）</source>
        <translation>Busiest %1:00–%2:00 (calls: %3)</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>查看需要处理的记录</source>
        <translation>Show the records that need attention</translation>
    </message>
    <message>
        <source>待同步 %1</source>
        <translation>Queued %1</translation>
    </message>
    <message>
        <source>排队 %1，不确定 %2，发送中 %3</source>
        <translation>Waiting %1, uncertain %2, sending %3</translation>
    </message>
    <message>
        <source>需处理 %1</source>
        <translation>Needs attention %1</translation>
    </message>
    <message>
        <source>尚未同步</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>上次同步 %1</source>
        <translation>Last sync %1</translation>
    </message>
    <message>
        <source>未设置服务器</source>
        <translation>No server set</translation>
    </message>
    <message>
        <source>○ 连接中…</source>
        <translation>○ Connecting…</translation>
    </message>
    <message>
        <source>● 在线</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>● 离线 (自 %1)</source>
        <translation>● Offline since %1</translation>
    </message>
    <message>
        <source>● 离线</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <source>请在设置中填写服务器地址</source>
        <translation>Enter the server address in Settings</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>导出 CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>添加电子客</source>
        <translation>Added to CRM</translation>
    </message>
    <message>
        <source>待同步</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>需处理</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <source>按反馈类型</source>
        <translation>By feedback</translation>
    </message>
    <message>
        <source>按项目</source>
        <translation>By project</translation>
    </message>
    <message>
        <source>每小时通话</source>
        <translation>Calls per hour</translation>
    </message>
    <message>
        <source>无法读取本地记录：%1</source>
        <translation>Cannot read the local records: %1</translation>
    </message>
    <message>
        <source>更新于 %1</source>
        <translation>Updated %1</translation>
    </message>
    <message>
        <source>把所选日期的通话记录保存为 Excel 可打开的 CSV 文件</source>
        <translation>Save the call log of the chosen days as a CSV file that Excel can open</translation>
    </message>
    <message>
        <source>通话</source>
        <translation>Calls</translation>
    </message>
    <message>
        <source>接受邀请率</source>
        <translation>Accepted invitations</translation>
    </message>
    <message>
        <source>每小时通话（目标 %1）</source>
        <translation>Calls per hour (goal %1)</translation>
    </message>
    <message>
        <source>平均卡片时长</source>
        <translation>Average time on card</translation>
    </message>
</context>
<context>
    <name>UndoButton</name>
    <message>
        <source>撤销 (%1) %2 秒</source>
        <translation>Undo (%1) %2 s</translation>
    </message>
    <message>
        <source>刚记录的内容将在 %1 秒后发出；按 %2 撤销</source>
        <translation>What you just recorded is sent in %1 s; press %2 to undo</translation>
    </message>
</context>
<context>
    <name>WorkWindow</name>
    <message>
        <source>添加到电子客 (%1)</source>
        <translation>Add to CRM (%1)</translation>
    </message>
    <message>
        <source>通话结果 (按数字键)</source>
        <translation>Call result (number keys)</translation>
    </message>
    <message>
        <source>打电话 (%1)</source>
        <translation>Calls (%1)</translation>
    </message>
    <message>
        <source>队列 (%1)</source>
        <translation>Queue (%1)</translation>
    </message>
    <message>
        <source>统计 (%1)</source>
        <translation>Statistics (%1)</translation>
    </message>
    <message>
        <source>操作(&amp;O)</source>
        <translation>&amp;Actions</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>打电话</source>
        <translation>Calls</translation>
    </message>
    <message>
        <source>队列</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>已撤销：%1 — %2</source>
        <translation>Undone: %1 — %2</translation>
    </message>
    <message>
        <source>已撤销电子客：%1</source>
        <translation>Customer undone: %1</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>导出诊断包…</source>
        <translation>Export diagnostics…</translation>
    </message>
    <message>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>未选择信息包。请先选择项目和信息包。</source>
        <translation>No package chosen. Choose a project and a package first.</translation>
    </message>
    <message>
        <source>正在获取号码…</source>
        <translation>Getting a number…</translation>
    </message>
    <message>
        <source>没有可以撤销的记录</source>
        <translation>Nothing to undo</translation>
    </message>
    <message>
        <source>没有保存！%1</source>
        <translation>Not saved! %1</translation>
    </message>
    <message>
        <source>已记录：%1 — %2</source>
        <translation>Recorded: %1 — %2</translation>
    </message>
    <message>
        <source>已记录“%1”。按 F5 取下一个号码。</source>
        <translation>Recorded “%1”. Press F5 for the next number.</translation>
    </message>
    <message>
        <source>正在加载项目…</source>
        <translation>Loading projects…</translation>
    </message>
    <message>
        <source>%1。请选择其他信息包。</source>
        <translation>%1. Choose another package.</translation>
    </message>
    <message>
        <source>无法连接服务器，且没有备用号码。联网后会自动取号，也可按 F5 重试。</source>
        <translation>Cannot reach the server and no phones are in reserve. The next number comes by itself when the server is back, or press F5 to retry.</translation>
    </message>
    <message>
        <source>%1。请按 F5 重试。</source>
        <translation>%1. Press F5 to try again.</translation>
    </message>
    <message>
        <source>取号失败：%1</source>
        <translation>Could not get a number: %1</translation>
    </message>
    <message>
        <source>无法加载项目：%1</source>
        <translation>Cannot load projects: %1</translation>
    </message>
    <message>
        <source>无法连接服务器，且本机没有项目列表。联网后会自动加载。</source>
        <translation>Cannot reach the server and this PC has no project list yet. It loads by itself when the server is back.</translation>
    </message>
    <message>
        <source>(请先选择项目)</source>
        <translation>(choose a project first)</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>(没有信息包)</source>
        <translation>(no packages)</translation>
    </message>
    <message>
        <source>(无法加载信息包)</source>
        <translation>(cannot load packages)</translation>
    </message>
    <message>
        <source>无法连接服务器，且本机没有该项目的信息包列表。</source>
        <translation>Cannot reach the server and this PC has no package list for this project.</translation>
    </message>
    <message>
        <source>离线数据</source>
        <translation>Offline data</translation>
    </message>
    <message>
        <source>离线数据，%1更新</source>
        <translation>Offline data, updated %1</translation>
    </message>
    <message>
        <source>已加入电子客：%1</source>
        <translation>Added to CRM: %1</translation>
    </message>
    <message>
        <source>服务器不再接受本次离线登录的密码（%1）。已记录的内容会照常同步；请退出后重新登录。</source>
        <translation>The server no longer accepts the password of this offline login (%1). What you recorded is still synced; please log out and log in again.</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>用户状态是“%1”，不是“活动”，不能获取新号码。已记录的内容仍会同步。</source>
        <translation>Your user status is “%1”, not active, so no new numbers can be fetched. What you recorded is still synced.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>离线登录：服务器恢复后会自动确认。记录照常保存在本机。</source>
        <translation>Offline login: confirmed automatically when the server is back. Your records are kept on this PC as usual.</translation>
    </message>
    <message>
        <source> — 离线登录</source>
        <translation> — offline login</translation>
    </message>
    <message>
        <source>已记录。保存或取消电子客后显示下一个号码。</source>
        <translation>Recorded. The next number appears once the customer is saved or cancelled.</translation>
    </message>
    <message>
        <source>没有更正！%1</source>
        <translation>Not corrected! %1</translation>
    </message>
    <message>
        <source>已更正：%1 — %2</source>
        <translation>Corrected: %1 — %2</translation>
    </message>
    <message>
        <source>来自 %1 / %2（不是当前所选信息包）</source>
        <translation>From %1 / %2 (not the package chosen now)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>回访 (%1)</source>
        <translation>Callbacks (%1)</translation>
    </message>
    <message>
        <source>历史 (%1)</source>
        <translation>History (%1)</translation>
    </message>
    <message>
        <source>回访</source>
        <translation>Callbacks</translation>
    </message>
    <message>
        <source>历史</source>
        <translation>History</translation>
    </message>
    <message>
        <source>预约回访</source>
        <translation>Schedule a callback</translation>
    </message>
    <message>
        <source>备注(只在本机)</source>
        <translation>Note (this PC only)</translation>
    </message>
    <message>
        <source>回访 / 历史</source>
        <translation>Callbacks / history</translation>
    </message>
</context>
<context>
    <name>timefmt</name>
    <message>
        <source>昨天 %1</source>
        <translation>yesterday %1</translation>
    </message>
    <message>
        <source>刚刚</source>
        <translation>just now</translation>
    </message>
    <message>
        <source>%1 秒前</source>
        <translation>%1 s ago</translation>
    </message>
    <message>
        <source>%1 分钟前</source>
        <translation>%1 min ago</translation>
    </message>
    <message>
        <source>%1 小时前</source>
        <translation>%1 h ago</translation>
    </message>
    <message>
        <source>%1 天前</source>
        <translation>%1 d ago</translation>
    </message>
</context>
</TS>
