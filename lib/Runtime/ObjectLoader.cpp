//===- ObjectLoader.cpp - link one compiled object into the process --------===//
#include "NGraph/Runtime/ObjectLoader.h"

#include <cstring>
#include <elf.h>
#include <limits>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

using namespace ngraph;
using llvm::createStringError;

namespace ngraph {

/// Reads, lays out and relocates one object. With `region` null it only
/// checks (LoadedObject::check): nothing is written or resolved.
struct ObjectLinker {
  llvm::StringRef file;
  Elf64_Ehdr header;
  std::vector<Elf64_Shdr> sections;
  std::vector<Elf64_Sym> symbolTable;
  llvm::StringRef names, strings; // section names, symbol names
  /// Per section: its offset in the region, or -1 when it is not loaded.
  std::vector<int64_t> place;
  /// The sections mapped, in section order.
  std::vector<unsigned> mapped;
  /// Per symbol index: the offsets of its GOT slot and of its PLT entry
  /// (the jump a call to another library goes through), or -1.
  std::vector<int64_t> got, plt;
  /// Code is [0, readOnlyStart), constants and the GOT up to dataStart.
  size_t readOnlyStart = 0, dataStart = 0, total = 0;
  size_t pageSize = 4096;

  static constexpr size_t kPltBytes = 8; // jmp *disp32(%rip); 2 bytes pad

  template <typename T> bool readAt(uint64_t offset, T &out) const {
    if (offset > file.size() || file.size() - offset < sizeof(T))
      return false;
    std::memcpy(&out, file.data() + offset, sizeof(T));
    return true;
  }
  std::string sectionName(unsigned i) const {
    uint32_t n = sections[i].sh_name;
    if (n >= names.size())
      return "#" + std::to_string(i);
    return names.substr(n).take_until([](char c) { return c == 0; }).str();
  }
  llvm::Expected<std::string> symbolName(const Elf64_Sym &s) const {
    if (s.st_name >= strings.size())
      return createStringError("a symbol's name is outside the string table");
    llvm::StringRef rest = strings.substr(s.st_name);
    size_t end = rest.find('\0');
    if (end == llvm::StringRef::npos)
      return createStringError("a symbol's name is not terminated");
    return rest.substr(0, end).str();
  }
  bool loaded(unsigned i) const { return i < place.size() && place[i] >= 0; }

  llvm::Error parse();
  llvm::Error layout();
  /// Applies the relocations into `region` (nullptr: checks only).
  llvm::Error relocate(char *region, const LoadedObject::Resolver *resolve,
                       std::vector<void *> &addresses);
};

} // namespace ngraph

static bool fitsSigned32(int64_t v) {
  return v >= std::numeric_limits<int32_t>::min() &&
         v <= std::numeric_limits<int32_t>::max();
}

llvm::Error ObjectLinker::parse() {
  if (!readAt(0, header) || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
    return createStringError("not an ELF object");
  if (header.e_ident[EI_CLASS] != ELFCLASS64 ||
      header.e_ident[EI_DATA] != ELFDATA2LSB || header.e_machine != EM_X86_64)
    return createStringError("not a 64-bit little-endian x86-64 object");
  if (header.e_type != ET_REL)
    return createStringError("not a relocatable object (ELF type %u)",
                             unsigned(header.e_type));
  if (header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shnum == 0 ||
      header.e_shstrndx >= header.e_shnum)
    return createStringError("damaged section header table");
  sections.resize(header.e_shnum);
  for (unsigned i = 0; i < header.e_shnum; ++i)
    if (!readAt(header.e_shoff + uint64_t(i) * sizeof(Elf64_Shdr),
                sections[i]))
      return createStringError("the section header table is truncated");
  for (unsigned i = 0; i < sections.size(); ++i) {
    const Elf64_Shdr &s = sections[i];
    if (s.sh_type != SHT_NOBITS &&
        (s.sh_offset > file.size() || file.size() - s.sh_offset < s.sh_size))
      return createStringError("section %u is outside the file", i);
  }
  const Elf64_Shdr &shstr = sections[header.e_shstrndx];
  if (shstr.sh_type != SHT_STRTAB)
    return createStringError("damaged section name table");
  names = file.substr(shstr.sh_offset, shstr.sh_size);

  int symtab = -1;
  for (unsigned i = 0; i < sections.size(); ++i)
    if (sections[i].sh_type == SHT_SYMTAB) {
      if (symtab >= 0)
        return createStringError("more than one symbol table");
      symtab = i;
    }
  if (symtab < 0)
    return createStringError("no symbol table");
  const Elf64_Shdr &st = sections[symtab];
  if (st.sh_entsize != sizeof(Elf64_Sym) || st.sh_size % sizeof(Elf64_Sym) ||
      st.sh_link >= sections.size() ||
      sections[st.sh_link].sh_type != SHT_STRTAB)
    return createStringError("damaged symbol table");
  symbolTable.resize(st.sh_size / sizeof(Elf64_Sym));
  for (size_t i = 0; i < symbolTable.size(); ++i)
    readAt(st.sh_offset + i * sizeof(Elf64_Sym), symbolTable[i]);
  const Elf64_Shdr &str = sections[st.sh_link];
  strings = file.substr(str.sh_offset, str.sh_size);
  return llvm::Error::success();
}

llvm::Error ObjectLinker::layout() {
  // Code, then constants and the GOT, then data: three runs of pages with
  // their own protection.
  place.assign(sections.size(), -1);
  mapped.clear();
  enum Kind { Code, ReadOnly, Data };
  auto kindOf = [](const Elf64_Shdr &s) {
    if (s.sh_flags & SHF_EXECINSTR)
      return Code;
    if ((s.sh_flags & SHF_WRITE) || s.sh_type == SHT_NOBITS)
      return Data;
    return ReadOnly;
  };
  for (unsigned i = 0; i < sections.size(); ++i) {
    const Elf64_Shdr &s = sections[i];
    if (!(s.sh_flags & SHF_ALLOC))
      continue;
    std::string name = sectionName(i);
    // Unwind tables are not registered (ObjectLoader.h).
    if (s.sh_type == SHT_X86_64_UNWIND || name == ".eh_frame")
      continue;
    if (s.sh_flags & SHF_TLS)
      return createStringError("section '%s' is thread-local storage, which "
                               "the loader does not support",
                               name.c_str());
    if (s.sh_type == SHT_INIT_ARRAY || s.sh_type == SHT_FINI_ARRAY ||
        s.sh_type == SHT_PREINIT_ARRAY || name.rfind(".ctors", 0) == 0 ||
        name.rfind(".dtors", 0) == 0)
      return createStringError("section '%s' holds constructors or "
                               "destructors, which the loader does not run",
                               name.c_str());
    if (s.sh_addralign > pageSize ||
        (s.sh_addralign & (s.sh_addralign - 1)))
      return createStringError("section '%s' has alignment %llu",
                               name.c_str(),
                               (unsigned long long)s.sh_addralign);
    if (s.sh_size > (uint64_t(1) << 31))
      return createStringError("section '%s' is over 2 GiB", name.c_str());
    mapped.push_back(i);
  }
  // GOT slots and PLT entries, from the relocations that need them.
  got.assign(symbolTable.size(), -1);
  plt.assign(symbolTable.size(), -1);
  size_t gotSlots = 0, pltEntries = 0;
  for (unsigned r = 0; r < sections.size(); ++r) {
    const Elf64_Shdr &rs = sections[r];
    if (rs.sh_type == SHT_REL)
      return createStringError("REL relocations (x86-64 objects use RELA)");
    if (rs.sh_type != SHT_RELA || rs.sh_info >= sections.size())
      continue;
    if (rs.sh_entsize != sizeof(Elf64_Rela) || rs.sh_size % sizeof(Elf64_Rela))
      return createStringError("damaged relocation section %u", r);
    for (uint64_t off = 0; off < rs.sh_size; off += sizeof(Elf64_Rela)) {
      Elf64_Rela rel;
      readAt(rs.sh_offset + off, rel);
      uint32_t sym = ELF64_R_SYM(rel.r_info), type = ELF64_R_TYPE(rel.r_info);
      if (sym >= symbolTable.size())
        return createStringError("a relocation names symbol %u of %zu", sym,
                                 symbolTable.size());
      bool external = symbolTable[sym].st_shndx == SHN_UNDEF;
      bool wantsGot = type == R_X86_64_GOTPCREL ||
                      type == R_X86_64_GOTPCRELX ||
                      type == R_X86_64_REX_GOTPCRELX;
      bool wantsPlt = type == R_X86_64_PLT32 && external;
      if ((wantsGot || wantsPlt) && got[sym] < 0)
        got[sym] = gotSlots++;
      if (wantsPlt && plt[sym] < 0)
        plt[sym] = pltEntries++;
    }
  }
  auto alignTo = [](size_t v, size_t a) { return (v + a - 1) / a * a; };
  size_t at = 0;
  for (Kind k : {Code, ReadOnly, Data}) {
    if (k == ReadOnly)
      readOnlyStart = at = alignTo(at, pageSize);
    if (k == Data)
      dataStart = at = alignTo(at, pageSize);
    for (unsigned i : mapped) {
      const Elf64_Shdr &s = sections[i];
      if (kindOf(s) != k)
        continue;
      at = alignTo(at, std::max<uint64_t>(s.sh_addralign, 1));
      place[i] = at;
      at += s.sh_size;
    }
    if (k == Code) {
      for (int64_t &e : plt)
        if (e >= 0)
          e = alignTo(at, kPltBytes) + e * kPltBytes;
      at = alignTo(at, kPltBytes) + pltEntries * kPltBytes;
    }
    if (k == ReadOnly) {
      for (int64_t &g : got)
        if (g >= 0)
          g = alignTo(at, 8) + g * 8;
      at = alignTo(at, 8) + gotSlots * 8;
    }
  }
  total = alignTo(std::max<size_t>(at, 1), pageSize);
  if (total > (size_t(1) << 31))
    return createStringError("the object's sections add up to over 2 GiB");
  return llvm::Error::success();
}

llvm::Error ObjectLinker::relocate(char *region,
                                   const LoadedObject::Resolver *resolve,
                                   std::vector<void *> &addresses) {
  // Every symbol's address (0 in a check, where nothing is mapped).
  uintptr_t base = reinterpret_cast<uintptr_t>(region);
  std::vector<uint64_t> address(symbolTable.size(), 0);
  addresses.assign(symbolTable.size(), nullptr);
  for (size_t i = 1; i < symbolTable.size(); ++i) {
    const Elf64_Sym &s = symbolTable[i];
    if (s.st_shndx == SHN_UNDEF) {
      if (ELF64_ST_BIND(s.st_info) == STB_LOCAL)
        continue;
      auto name = symbolName(s);
      if (!name)
        return name.takeError();
      if (name->empty())
        return createStringError("an undefined symbol has no name");
      if (!region)
        continue;
      void *p = (*resolve)(*name);
      if (!p && ELF64_ST_BIND(s.st_info) != STB_WEAK)
        return createStringError("undefined symbol '%s'", name->c_str());
      address[i] = reinterpret_cast<uintptr_t>(p);
    } else if (s.st_shndx == SHN_ABS) {
      address[i] = s.st_value;
    } else if (s.st_shndx == SHN_COMMON) {
      return createStringError("common symbols are not supported");
    } else if (s.st_shndx >= SHN_LORESERVE) {
      return createStringError("symbol %zu has reserved section index %u", i,
                               unsigned(s.st_shndx));
    } else if (s.st_shndx >= sections.size()) {
      return createStringError("symbol %zu is in section %u of %zu", i,
                               unsigned(s.st_shndx), sections.size());
    } else if (!loaded(s.st_shndx)) {
      continue; // in a section that is not loaded (debug info, unwind)
    } else {
      if (s.st_value > sections[s.st_shndx].sh_size)
        return createStringError("symbol %zu is outside its section", i);
      address[i] = base + place[s.st_shndx] + s.st_value;
      if (ELF64_ST_BIND(s.st_info) != STB_LOCAL)
        addresses[i] = reinterpret_cast<void *>(address[i]);
    }
  }
  // Sections' bytes, GOT slots and PLT entries.
  if (region) {
    for (unsigned i : mapped)
      if (sections[i].sh_type != SHT_NOBITS)
        std::memcpy(region + place[i], file.data() + sections[i].sh_offset,
                    sections[i].sh_size);
    for (size_t i = 0; i < got.size(); ++i)
      if (got[i] >= 0)
        std::memcpy(region + got[i], &address[i], 8);
    for (size_t i = 0; i < plt.size(); ++i)
      if (plt[i] >= 0) {
        // jmp *disp32(%rip) through symbol i's GOT slot.
        unsigned char code[kPltBytes] = {0xff, 0x25, 0, 0, 0, 0, 0xcc, 0xcc};
        int32_t disp = int32_t(got[i] - (plt[i] + 6));
        std::memcpy(code + 2, &disp, 4);
        std::memcpy(region + plt[i], code, kPltBytes);
      }
  }
  for (unsigned r = 0; r < sections.size(); ++r) {
    const Elf64_Shdr &rs = sections[r];
    if (rs.sh_type != SHT_RELA || rs.sh_info >= sections.size() ||
        !loaded(rs.sh_info))
      continue;
    const Elf64_Shdr &target = sections[rs.sh_info];
    std::string targetName = sectionName(rs.sh_info);
    if (target.sh_type == SHT_NOBITS)
      return createStringError("relocations in section '%s', which has no "
                               "bytes",
                               targetName.c_str());
    for (uint64_t off = 0; off < rs.sh_size; off += sizeof(Elf64_Rela)) {
      Elf64_Rela rel;
      readAt(rs.sh_offset + off, rel);
      uint32_t sym = ELF64_R_SYM(rel.r_info), type = ELF64_R_TYPE(rel.r_info);
      const Elf64_Sym &s = symbolTable[sym];
      bool external = s.st_shndx == SHN_UNDEF;
      if (sym != 0 && !external && s.st_shndx < sections.size() &&
          s.st_shndx < SHN_LORESERVE && !loaded(s.st_shndx))
        return createStringError("section '%s' refers to section '%s', which "
                                 "is not loaded",
                                 targetName.c_str(),
                                 sectionName(s.st_shndx).c_str());
      unsigned width = (type == R_X86_64_64 || type == R_X86_64_PC64) ? 8 : 4;
      if (type == R_X86_64_NONE)
        continue;
      if (rel.r_offset > target.sh_size || target.sh_size - rel.r_offset < width)
        return createStringError("a relocation is outside section '%s'",
                                 targetName.c_str());
      // Wrapping arithmetic: a damaged object's values may overflow; the
      // range check below catches what does not fit.
      uint64_t S = address[sym], A = uint64_t(rel.r_addend);
      uint64_t at = place[rs.sh_info] + rel.r_offset;
      uint64_t P = base + at;
      uint64_t result;
      bool checkRange = region != nullptr;
      switch (type) {
      case R_X86_64_64:
        result = S + A;
        break;
      case R_X86_64_PC64:
        result = S + A - P;
        break;
      case R_X86_64_PLT32:
        if (external)
          S = base + plt[sym];
        [[fallthrough]];
      case R_X86_64_PC32:
        result = S + A - P;
        // A PC-relative reference to another library's data: a check
        // cannot know the distance.
        checkRange = region != nullptr || !external;
        break;
      case R_X86_64_GOTPCREL:
      case R_X86_64_GOTPCRELX:
      case R_X86_64_REX_GOTPCRELX:
        result = base + got[sym] + A - P;
        break;
      case R_X86_64_32:
      case R_X86_64_32S:
        result = S + A;
        break;
      default:
        return createStringError("relocation type %u in section '%s' is not "
                                 "supported",
                                 type, targetName.c_str());
      }
      int64_t value = int64_t(result);
      bool fits = type == R_X86_64_32 ? result <= UINT32_MAX
                                      : fitsSigned32(value);
      if (width == 4 && checkRange && !fits) {
        auto name = symbolName(s);
        return createStringError("relocation of '%s' in section '%s' is out "
                                 "of range",
                                 name ? name->c_str() : "?",
                                 targetName.c_str());
      }
      if (!region)
        continue;
      if (width == 8)
        std::memcpy(region + at, &value, 8);
      else {
        int32_t v = int32_t(value);
        std::memcpy(region + at, &v, 4);
      }
    }
  }
  return llvm::Error::success();
}

llvm::Error LoadedObject::check(llvm::StringRef object) {
  ObjectLinker l;
  l.file = object;
  if (llvm::Error e = l.parse())
    return e;
  if (llvm::Error e = l.layout())
    return e;
  std::vector<void *> addresses;
  return l.relocate(nullptr, nullptr, addresses);
}

llvm::Expected<std::unique_ptr<LoadedObject>>
LoadedObject::load(llvm::StringRef object, const Resolver &resolve) {
  ObjectLinker l;
  l.file = object;
  long page = sysconf(_SC_PAGESIZE);
  if (page > 0)
    l.pageSize = page;
  if (llvm::Error e = l.parse())
    return std::move(e);
  if (llvm::Error e = l.layout())
    return std::move(e);
  std::unique_ptr<LoadedObject> result(new LoadedObject());
  void *region = mmap(nullptr, l.total, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED)
    return createStringError("cannot map %zu bytes for compiled code: %s",
                             l.total, std::strerror(errno));
  result->base = region;
  result->size = l.total;
  std::vector<void *> addresses;
  if (llvm::Error e = l.relocate(static_cast<char *>(region), &resolve,
                                 addresses))
    return std::move(e);
  for (size_t i = 0; i < addresses.size(); ++i)
    if (addresses[i]) {
      auto name = l.symbolName(l.symbolTable[i]);
      if (!name)
        return name.takeError();
      result->symbols[*name] = addresses[i];
    }
  char *p = static_cast<char *>(region);
  if ((l.readOnlyStart &&
       mprotect(p, l.readOnlyStart, PROT_READ | PROT_EXEC) != 0) ||
      (l.dataStart > l.readOnlyStart &&
       mprotect(p + l.readOnlyStart, l.dataStart - l.readOnlyStart,
                PROT_READ) != 0))
    return createStringError("cannot protect compiled code: %s",
                             std::strerror(errno));
  return result;
}

LoadedObject::~LoadedObject() {
  if (base)
    munmap(base, size);
}

void *LoadedObject::symbol(const std::string &name) const {
  auto it = symbols.find(name);
  return it == symbols.end() ? nullptr : it->second;
}
